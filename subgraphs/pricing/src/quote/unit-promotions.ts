// The promotions that work on units rather than amounts. Both price a unit at its unit price (what
// the shelf promises: "the third one free"); the caller caps each line at what it has left.
import { multiplyMinor, sumMinor } from "@trolley/federation";
import { allocateByLargestRemainder } from "./allocation.js";
import type { LineState } from "./line-state.js";
import type { BuyXPayYAction, NthUnitPercentAction } from "./promotion.types.js";
import { percentOfHalfEven } from "./rounding.js";

/**
 * Buy X pay Y, per line: the eligible units of all lines pooled and ordered dearest first (equal
 * prices in line order), cut into groups of X; in each full group the last X - Y units, the
 * cheapest, are free. Units past the last full group pay in full.
 */
export function buyXPayYShares(action: BuyXPayYAction, eligible: LineState[]): number[] {
  const { buy, pay } = action;
  const totalUnits = sumMinor(eligible.map((state) => state.line.quantity));
  const inFullGroups = Math.floor(totalUnits / buy) * buy;
  // Free units among the first `n` pooled positions: position p is free when p % buy >= pay.
  const freeBefore = (n: number) => {
    const counted = Math.min(n, inFullGroups);
    return Math.floor(counted / buy) * (buy - pay) + Math.max(0, (counted % buy) - pay);
  };
  const order = eligible.map((_, index) => index).sort((a, b) => eligible[b].line.unitPriceMinor - eligible[a].line.unitPriceMinor || a - b);
  const shares = eligible.map(() => 0);
  let position = 0;
  for (const index of order) {
    const { quantity, unitPriceMinor } = eligible[index].line;
    const freeUnits = freeBefore(position + quantity) - freeBefore(position);
    shares[index] = multiplyMinor(unitPriceMinor, freeUnits);
    position += quantity;
  }
  return shares;
}

/**
 * Nth unit at a percentage off: on each line every nth unit (floor(quantity / n) of them) is
 * discounted. The percentage is taken once on those units' prices summed over all lines, rounded
 * half-even, then allocated back to the lines in proportion to their discounted units' prices.
 */
export function nthUnitShares(action: NthUnitPercentAction, eligible: LineState[]): number[] {
  const weights = eligible.map((state) => multiplyMinor(state.line.unitPriceMinor, Math.floor(state.line.quantity / action.nth)));
  return allocateByLargestRemainder(percentOfHalfEven(sumMinor(weights), action.basisPoints), weights);
}
