// The payment's life: PROCESSING -> REQUIRES_ACTION (3-D Secure) -> SUCCEEDED | FAILED, PROCESSING ->
// SUCCEEDED | FAILED, SUCCEEDED -> REFUNDED. Nothing moves a payment backwards, so provider events
// that arrive late, twice or out of order change nothing.
import { PaymentStatus } from "./payment.type.js";

const forward: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  [PaymentStatus.PROCESSING]: [PaymentStatus.REQUIRES_ACTION, PaymentStatus.SUCCEEDED, PaymentStatus.FAILED],
  [PaymentStatus.REQUIRES_ACTION]: [PaymentStatus.SUCCEEDED, PaymentStatus.FAILED],
  [PaymentStatus.SUCCEEDED]: [PaymentStatus.REFUNDED],
  [PaymentStatus.FAILED]: [],
  [PaymentStatus.REFUNDED]: [],
};

export function canMove(from: PaymentStatus, to: PaymentStatus): boolean {
  return forward[from].includes(to);
}

/** A settled payment: the provider has decided; only a refund may still follow. */
export const isSettled = (status: PaymentStatus) => status !== PaymentStatus.PROCESSING && status !== PaymentStatus.REQUIRES_ACTION;

/** A move of a payment, with what the provider told about it. */
export type PaymentChange =
  | { to: PaymentStatus.REQUIRES_ACTION; clientSecret: string | null }
  | { to: PaymentStatus.SUCCEEDED }
  | { to: PaymentStatus.FAILED; failureCode: string }
  /** reason: why we refunded (ADMIN, ORDER_CANCELLED); absent when the provider reports it. */
  | { to: PaymentStatus.REFUNDED; refundRef?: string; reason?: RefundReason };

export type RefundReason = "ADMIN" | "ORDER_CANCELLED";
