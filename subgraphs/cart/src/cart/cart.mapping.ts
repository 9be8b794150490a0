// From stored rows to the GraphQL shapes of the cart.
import type { CartState } from "./cart.service.js";
import type { CartLineRow } from "./cart.store.js";
import { Cart, CartLine, CartStatus } from "./cart.type.js";

export const toCartLine = (row: CartLineRow): CartLine => ({ id: row.id, product: { id: row.productId }, quantity: row.quantity });

export function toCart({ cart, lines }: CartState): Cart {
  return {
    id: cart.id,
    status: cart.status as CartStatus,
    lines: lines.map(toCartLine),
    totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0),
    updatedAt: cart.updatedAt,
  };
}
