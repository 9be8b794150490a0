// From stored rows to the GraphQL shapes of the cart.
import type { RecordedEvent } from "@trolley/outbox";
import { storedAddress } from "../choices/address.rules.js";
import { selectionOf } from "../choices/shipping-selection.rules.js";
import type { CartState } from "./cart-state.js";
import type { CartLineRow } from "./cart.store.js";
import { Cart, CartEvent, CartLine, CartStatus } from "./cart.type.js";

export const toCartLine = (row: CartLineRow): CartLine => ({ id: row.id, cartId: row.cartId, productId: row.productId, product: { id: row.productId }, quantity: row.quantity });

/** Each line refers back to the cart it is part of (CartLine.cart), without another query. */
export function toCart({ cart, lines, saved }: CartState): Cart {
  const result: Cart = {
    id: cart.id,
    ownerId: cart.ownerId,
    status: cart.status as CartStatus,
    lines: lines.map(toCartLine),
    totalQuantity: lines.reduce((sum, line) => sum + line.quantity, 0),
    savedForLater: saved.map(toCartLine),
    updatedAt: cart.updatedAt,
    lastActivityAt: cart.lastActivityAt,
    abandoned: cart.abandonedAt !== null,
    version: cart.version,
    // Resolved from the codes' own table (DiscountCodeResolver, through a loader).
    discountCodeEntries: [],
    email: cart.email,
    shippingAddress: storedAddress(cart.shippingAddress),
    shippingSelection: selectionOf(cart),
  };
  for (const line of [...result.lines, ...result.savedForLater]) line.cart = result;
  return result;
}

export const toCartEvent = (event: RecordedEvent): CartEvent => ({
  ...event,
  occurredAt: new Date(event.occurredAt),
  publishedAt: event.publishedAt ? new Date(event.publishedAt) : null,
});
