// Adding many lines at once: every input line is checked against the cart as it would be after the
// lines before it, and the whole batch is refused if any line fails, with one userError per failing
// line whose `field` names its index (["lines", "2", "quantity"]).
import { DomainError, type UserErrorData } from "@trolley/errors";
import {
  checkProductFor,
  checkQuantity,
  checkRoomForNewLine,
  MAX_LINES_PER_CART,
  quantityAfterAdding,
  type ProductAvailability,
} from "./cart.rules.js";

export interface BulkLine {
  productId: string;
  quantity: number;
}

export interface BulkWrite {
  productId: string;
  /** Units this batch adds to the line. */
  added: number;
  /** The line's quantity afterwards. */
  quantity: number;
}

export const MAX_BULK_LINES = MAX_LINES_PER_CART;

/** Checked before anything else, the catalog included: a batch too large costs nothing. */
export function checkBulkSize(input: BulkLine[]): void {
  if (input.length === 0) throw new DomainError("INVALID_ARGUMENT", "Give at least one line.", ["lines"]);
  if (input.length > MAX_BULK_LINES) throw new DomainError("INVALID_ARGUMENT", `At most ${MAX_BULK_LINES} lines at once.`, ["lines"]);
}

export function planBulkAdd(cartLines: BulkLine[], input: BulkLine[], products: Map<string, ProductAvailability>): BulkWrite[] {
  checkBulkSize(input);

  const quantities = new Map(cartLines.map((line) => [line.productId, line.quantity]));
  const added = new Map<string, number>();
  const problems: UserErrorData[] = [];
  input.forEach((line, index) => {
    try {
      checkQuantity(line.quantity, { allowZero: false });
      const existing = quantities.get(line.productId);
      if (existing === undefined) checkRoomForNewLine(quantities.size);
      const target = quantityAfterAdding(existing ?? 0, line.quantity);
      checkProductFor(line.productId, products.get(line.productId), target);
      quantities.set(line.productId, target);
      added.set(line.productId, (added.get(line.productId) ?? 0) + line.quantity);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      for (const problem of error.errors) problems.push({ ...problem, field: ["lines", String(index), ...(problem.field ?? [])] });
    }
  });
  if (problems.length) throw DomainError.of(problems as [UserErrorData, ...UserErrorData[]]);
  return [...added].map(([productId, units]) => ({ productId, added: units, quantity: quantities.get(productId)! }));
}
