// The cart's rules, as plain functions of plain values: what a quantity may be, how many lines a
// cart holds, and when a product may go into it. The service applies them; tests call them directly.
import { DomainError } from "@trolley/errors";

export const MAX_QUANTITY_PER_LINE = 999;
export const MAX_LINES_PER_CART = 100;

/** What the cart needs to know of a product at write time (the catalog's answer). */
export interface ProductAvailability {
  id: string;
  status: "ACTIVE" | "DISCONTINUED";
  availableQuantity: number;
}

export function checkQuantity(quantity: number, { allowZero }: { allowZero: boolean }): void {
  const min = allowZero ? 0 : 1;
  if (!Number.isInteger(quantity) || quantity < min || quantity > MAX_QUANTITY_PER_LINE) {
    throw new DomainError("INVALID_QUANTITY", `Quantity must be a whole number from ${min} to ${MAX_QUANTITY_PER_LINE}.`, ["quantity"]);
  }
}

/** A product may be added or raised to `quantity` only if it exists, is sold, and is in stock. */
export function checkProductFor(productId: string, product: ProductAvailability | null | undefined, quantity: number): void {
  if (!product) throw new DomainError("PRODUCT_NOT_FOUND", `No product has id ${productId}.`, ["productId"]);
  if (product.status !== "ACTIVE") throw new DomainError("PRODUCT_UNAVAILABLE", "This product is discontinued.", ["productId"]);
  if (quantity > product.availableQuantity) {
    const left = product.availableQuantity;
    throw new DomainError("OUT_OF_STOCK", left > 0 ? `Only ${left} left in stock.` : "This product is out of stock.", ["quantity"]);
  }
}

/** The quantity a line reaches when `added` more units are put in a cart that holds `current`. */
export function quantityAfterAdding(current: number, added: number): number {
  const total = current + added;
  if (total > MAX_QUANTITY_PER_LINE) {
    throw new DomainError("INVALID_QUANTITY", `A line holds at most ${MAX_QUANTITY_PER_LINE} units; this cart already has ${current}.`, ["quantity"]);
  }
  return total;
}

export function checkRoomForNewLine(lineCount: number): void {
  if (lineCount >= MAX_LINES_PER_CART) {
    throw new DomainError("CART_LIMIT_EXCEEDED", `A cart holds at most ${MAX_LINES_PER_CART} lines.`, ["productId"]);
  }
}

export const cartNotActive = () => new DomainError("CART_NOT_ACTIVE", "This guest cart was merged into a user's cart and can no longer change.");
