// The cart's side of checkout: when the order context reports OrderCreated, the cart it was made
// from is closed (CHECKED_OUT; the owner's next cart starts empty). Only at the version that was
// ordered: if the owner changed the cart since, their newer intent wins and it stays as it is.
// Runs inside the consumer's transaction, once per event.
import type { CartEventSink } from "../cart/cart.service.js";
import { checkedOut } from "../cart/cart.events.js";
import type { CartStore, Tx } from "../cart/cart.store.js";
import type { Clock } from "@trolley/http";

interface OrderCreatedData {
  orderId: string;
  number: string;
  cartId: string;
  cartVersion: number;
}

export function orderCreatedHandler(store: CartStore, events: CartEventSink, clock: Clock) {
  return async (event: { type: string; userId: string | null; data: Record<string, unknown> }, tx: Tx): Promise<void> => {
    if (event.type !== "OrderCreated") return;
    const data = event.data as unknown as OrderCreatedData;
    const now = clock.now();
    if (await store.checkOut(tx, data.cartId, data.cartVersion, now)) {
      await events.append(tx, [{ ...checkedOut(data.orderId, data.number), aggregateId: data.cartId, userId: event.userId, occurredAt: now }]);
    }
  };
}
