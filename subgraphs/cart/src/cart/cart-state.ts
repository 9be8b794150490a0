// A cart as its use cases and readers see it: the row, the lines in the cart, and the lines saved
// for later. Stores hand back a cart's lines as one list; this is the one place that splits it.
import type { CartLineRow, CartRow } from "./cart.store.js";

export interface CartState {
  cart: CartRow;
  /** Lines in the cart. */
  lines: CartLineRow[];
  /** Lines saved for later. */
  saved: CartLineRow[];
}

export function cartState(cart: CartRow, all: CartLineRow[]): CartState {
  return { cart, lines: all.filter((line) => !line.savedAt), saved: all.filter((line) => line.savedAt) };
}
