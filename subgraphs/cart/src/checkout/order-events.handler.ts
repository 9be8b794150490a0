// The cart's side of checkout (stream `order-events`): when the order context reports OrderCreated,
// the cart it was made from is closed (CHECKED_OUT; the owner's next cart starts empty). Only at the
// version that was ordered: if the owner changed the cart since, their newer intent wins and it
// stays as it is. Runs inside the consumer's transaction, once per event.
import type { Clock } from "@trolley/http";
import type { DomainEvent, EventHandler } from "@trolley/outbox";
import { checkedOut } from "../cart/cart.events.js";
import type { CartEventSink } from "../cart/cart-changes.js";
import type { CartStore, Tx } from "../cart/cart.store.js";

interface OrderCreatedData {
  orderId: string;
  number: string;
  cartId: string;
  cartVersion: number;
}

export class OrderEventsHandler implements EventHandler<Tx> {
  readonly types = ["OrderCreated"] as const;

  constructor(
    private readonly store: CartStore,
    private readonly events: CartEventSink,
    private readonly clock: Clock,
  ) {}

  async handle(event: Pick<DomainEvent, "type" | "userId" | "data">, tx: Tx): Promise<boolean> {
    if (event.type !== "OrderCreated") return false;
    const data = event.data as unknown as OrderCreatedData;
    const now = this.clock.now();
    if (!(await this.store.checkOut(tx, data.cartId, data.cartVersion, now))) return false;
    await this.events.append(tx, [{ ...checkedOut(data.orderId, data.number), aggregateId: data.cartId, userId: event.userId, occurredAt: now }]);
    return true;
  }
}
