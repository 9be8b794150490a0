// A line as promotions work on it: what is left of it after each discount so far, and which
// promotion took what. `netMinor` ends as the line's tax base.
import { multiplyMinor } from "@trolley/federation";
import type { LineDiscountShare, QuoteLineInput } from "./quote.types.js";

export interface LineState {
  line: QuoteLineInput;
  subtotalMinor: number;
  /** Subtotal less the line discounts and the order-discount share so far; never below zero. */
  netMinor: number;
  shares: LineDiscountShare[];
  lineDiscountMinor: number;
  orderDiscountShareMinor: number;
}

export function startLineStates(lines: QuoteLineInput[]): LineState[] {
  return lines.map((line) => {
    const subtotalMinor = multiplyMinor(line.unitPriceMinor, line.quantity);
    return { line, subtotalMinor, netMinor: subtotalMinor, shares: [], lineDiscountMinor: 0, orderDiscountShareMinor: 0 };
  });
}
