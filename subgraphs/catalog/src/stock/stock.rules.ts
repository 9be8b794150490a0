// What a reservation request may hold, and how a line that cannot be reserved is reported. Plain
// functions of plain values: the service applies them, tests call them directly.
import { checkTextArguments, DomainError, type UserErrorData } from "@trolley/errors";

export const MAX_RESERVATION_LINES = 100;
export const MAX_UNITS_PER_PRODUCT = 999;

export interface StockLine {
  productId: string;
  quantity: number;
}

/** One product's units in a request, with the index of its first line (where its errors point). */
export interface PlannedLine extends StockLine {
  index: number;
}

/**
 * Checks the request and sums lines of the same product. The result is sorted by product id: rows
 * are locked in that order, so two reservations sharing products never wait on each other in a cycle.
 */
export function planReservation(reservationId: string, lines: readonly StockLine[]): PlannedLine[] {
  checkTextArguments({ reservationId });
  if (lines.length === 0) throw new DomainError("INVALID_ARGUMENT", "Give at least one line.", ["lines"]);
  if (lines.length > MAX_RESERVATION_LINES) {
    throw new DomainError("INVALID_ARGUMENT", `At most ${MAX_RESERVATION_LINES} lines can be reserved at once.`, ["lines"]);
  }
  const byProduct = new Map<string, PlannedLine>();
  const problems: UserErrorData[] = [];
  lines.forEach((line, index) => {
    const field = ["lines", String(index), "quantity"];
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_UNITS_PER_PRODUCT) {
      problems.push({ code: "INVALID_QUANTITY", message: `Quantity must be a whole number from 1 to ${MAX_UNITS_PER_PRODUCT}.`, field });
      return;
    }
    const planned = byProduct.get(line.productId);
    if (!planned) {
      byProduct.set(line.productId, { ...line, index });
      return;
    }
    const before = planned.quantity;
    planned.quantity += line.quantity;
    // Reported once, at the line that crosses the limit.
    if (before <= MAX_UNITS_PER_PRODUCT && planned.quantity > MAX_UNITS_PER_PRODUCT) {
      problems.push({ code: "INVALID_QUANTITY", message: `At most ${MAX_UNITS_PER_PRODUCT} units of one product; its lines add up to more.`, field });
    }
  });
  const [first, ...rest] = problems;
  if (first) throw DomainError.of([first, ...rest]);
  return [...byProduct.values()].sort((a, b) => compareIds(a.productId, b.productId));
}

/** Code-unit order, the same in every process (a database collation could differ between servers). */
export const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Why a line could not be held, from the product as it is now (null: no such product). */
export function unavailableLine(line: PlannedLine, product: { status: string; available: number } | null): UserErrorData {
  const field = ["lines", String(line.index)];
  if (!product) return { code: "PRODUCT_NOT_FOUND", message: `No product has id ${line.productId}.`, field };
  if (product.status !== "ACTIVE") return { code: "PRODUCT_UNAVAILABLE", message: "This product is discontinued.", field };
  const left = Math.max(0, product.available);
  return { code: "OUT_OF_STOCK", message: left > 0 ? `Only ${left} left in stock.` : "This product is out of stock.", field };
}
