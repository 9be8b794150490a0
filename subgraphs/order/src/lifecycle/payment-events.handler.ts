// What the order context does with the payment context's facts (stream `payment-events`): a
// succeeded payment pays its order, a failed one frees the order to be paid again. Runs inside the
// consumer's transaction, once per event; the lifecycle's conditional updates make a redelivery
// change nothing.
import type { DomainEvent, EventHandler } from "@trolley/outbox";
import type { Tx } from "../db.js";
import type { OrderLifecycle } from "./order-lifecycle.service.js";

export class PaymentEventsHandler implements EventHandler<Tx> {
  readonly types = ["PaymentSucceeded", "PaymentFailed"] as const;

  constructor(private readonly lifecycle: OrderLifecycle) {}

  async handle(event: Pick<DomainEvent, "type" | "data">, tx: Tx): Promise<boolean> {
    const { orderId, paymentId } = event.data as { orderId: string; paymentId: string };
    if (event.type === "PaymentFailed") await this.lifecycle.paymentFailed(tx, orderId, paymentId);
    else if (event.type === "PaymentSucceeded") await this.lifecycle.paymentSucceeded(tx, orderId, paymentId);
    else return false;
    // Paying appends OrderPaid to the outbox.
    return true;
  }
}
