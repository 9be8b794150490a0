// What the payment context does with the order context's facts (stream `order-events`): money
// taken for an order that ended cancelled goes back (CancelledOrderRefunds). Runs inside the
// consumer's transaction, once per event.
import type { DomainEvent, EventHandler } from "@trolley/outbox";
import type { CancelledOrderRefunds } from "./cancelled-order-refunds.js";
import type { Tx } from "./payment.store.js";

export class OrderEventsHandler implements EventHandler<Tx> {
  readonly types = ["OrderCancelled"] as const;

  constructor(private readonly refunds: CancelledOrderRefunds) {}

  /** True when it refunded a payment (PaymentRefunded is in the outbox). */
  async handle(event: Pick<DomainEvent, "type" | "occurredAt" | "data">, tx: Tx): Promise<boolean> {
    if (event.type !== "OrderCancelled") return false;
    const orderId = event.data.orderId;
    if (typeof orderId !== "string" || orderId === "") throw new TypeError(`OrderCancelled has a malformed orderId: ${JSON.stringify(orderId)}`);
    return (await this.refunds.onOrderCancelled(tx, orderId, new Date(event.occurredAt))).length > 0;
  }
}
