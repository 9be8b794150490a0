// The facts the payment context publishes (stream `payment-events`). Each names the payment, its
// order and what was charged, so a consumer (the order subgraph marking an order PAID) needs
// nothing else.
import type { NewEvent } from "@trolley/outbox";
import type { PaymentChange } from "./payment-transitions.rules.js";
import { PaymentStatus, type PaymentRecord } from "./payment.type.js";

export type PaymentEventType = "PaymentSucceeded" | "PaymentFailed" | "PaymentRefunded";

// Waiting for the customer's action is no fact for other contexts: the order stays unpaid either way.
const typeOf: Record<PaymentChange["to"], PaymentEventType | null> = {
  [PaymentStatus.REQUIRES_ACTION]: null,
  [PaymentStatus.SUCCEEDED]: "PaymentSucceeded",
  [PaymentStatus.FAILED]: "PaymentFailed",
  [PaymentStatus.REFUNDED]: "PaymentRefunded",
};

/** The event of a change, built from the payment as it is after the change; null if none is published. */
export function paymentEvent(payment: PaymentRecord, change: PaymentChange, occurredAt: Date): NewEvent | null {
  const type = typeOf[change.to];
  if (!type) return null;
  return {
    type,
    occurredAt,
    aggregateId: payment.id,
    userId: payment.userId,
    data: {
      paymentId: payment.id,
      orderId: payment.orderId,
      amountMinor: payment.amountMinor,
      currencyCode: payment.currencyCode,
      provider: payment.provider,
      ...(change.to === PaymentStatus.FAILED ? { failureCode: change.failureCode } : {}),
      ...(change.to === PaymentStatus.REFUNDED && change.refundRef ? { refundRef: change.refundRef } : {}),
      ...(change.to === PaymentStatus.REFUNDED && change.reason ? { reason: change.reason } : {}),
    },
  };
}
