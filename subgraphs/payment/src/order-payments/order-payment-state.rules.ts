// What the order context asks before it cancels or expires an order that a payment claimed: has a
// payment of the order captured money, may one still, or neither. Pure: the resolver calls it with
// the order's payments (one query for all the orders asked about); tests call it with each case.
import { PaymentStatus } from "../payment/payment.type.js";

export type OrderPaymentStateName = "SUCCEEDED" | "IN_FLIGHT" | "NONE";

export interface OrderPaymentStateOf {
  orderId: string;
  state: OrderPaymentStateName;
  /** The succeeded payment, for SUCCEEDED. */
  paymentId: string | null;
}

// Settled without money kept. Listed rather than derived, so that a status added later (a payment
// waiting on the customer) counts as in flight until someone decides otherwise.
const SETTLED_WITHOUT_MONEY: ReadonlySet<string> = new Set([PaymentStatus.FAILED, PaymentStatus.REFUNDED]);

export function orderPaymentState(orderId: string, payments: readonly { id: string; status: string }[]): OrderPaymentStateOf {
  const succeeded = payments.find((payment) => payment.status === PaymentStatus.SUCCEEDED);
  if (succeeded) return { orderId, state: "SUCCEEDED", paymentId: succeeded.id };
  if (payments.some((payment) => !SETTLED_WITHOUT_MONEY.has(payment.status))) return { orderId, state: "IN_FLIGHT", paymentId: null };
  return { orderId, state: "NONE", paymentId: null };
}
