// What cancel and expiry do with an order that a payment has claimed (payOrder claims the order
// before it charges). The order alone cannot tell whether money was captured, so the payment
// context is asked, and its answer decides. One rule for both: the owner's cancel and the
// payment-timeout expiry must never cancel an order whose payment succeeded or may still succeed.
// Pure: the lifecycle service calls it with what it read; tests call it with every case.
import { DomainError } from "@trolley/errors";

/** The payment context's view of one order (orderPaymentStates). */
export type OrderPaymentState =
  /** A payment captured the money: the order is paid, whatever reached the order so far. */
  | { state: "SUCCEEDED"; paymentId: string }
  /** A payment is being attempted (PROCESSING, or waiting on the customer): it may still succeed. */
  | { state: "IN_FLIGHT" }
  /** Every payment settled without keeping money (FAILED, REFUNDED), or there is none. */
  | { state: "NONE" };

/** What the payment context answered for the order; UNREACHABLE when it could not be asked. */
export type PaymentAnswer = OrderPaymentState | "UNREACHABLE";

export type ClaimDecision =
  /** Cancel (or expire), conditional on the claim being the one seen. */
  | { kind: "cancel" }
  /** The payment succeeded: the order becomes PAID, as if PaymentSucceeded had arrived. */
  | { kind: "mark-paid"; paymentId: string }
  /** Leave the order as it is: cancel refuses, expiry tries again next round. */
  | { kind: "wait"; reason: "IN_FLIGHT" | "UNREACHABLE" };

/**
 * `claim` is the order's payment_in_flight; `answer` is only needed (and only asked for) when it
 * is set. A missing answer counts as unreachable: never cancel an order that might be paid.
 */
export function decideOnClaim(claim: string | null, answer: PaymentAnswer | undefined): ClaimDecision {
  if (claim === null) return { kind: "cancel" };
  if (answer === undefined || answer === "UNREACHABLE") return { kind: "wait", reason: "UNREACHABLE" };
  switch (answer.state) {
    case "SUCCEEDED":
      return { kind: "mark-paid", paymentId: answer.paymentId };
    case "IN_FLIGHT":
      return { kind: "wait", reason: "IN_FLIGHT" };
    case "NONE":
      return { kind: "cancel" };
  }
}

/** Why the owner's cancel was refused, for a decision other than "cancel". */
export function cancelRefusal(decision: Exclude<ClaimDecision, { kind: "cancel" }>): DomainError {
  if (decision.kind === "mark-paid") return new DomainError("ORDER_NOT_CANCELLABLE", "The order has been paid; it can no longer be cancelled.", ["id"]);
  if (decision.reason === "IN_FLIGHT") return paymentInProgress();
  return new DomainError("PAYMENT_UNAVAILABLE", "The payment service could not be reached to confirm the order is unpaid; it was not cancelled. Please retry.", ["id"]);
}

export const paymentInProgress = () =>
  new DomainError("ORDER_NOT_CANCELLABLE", "A payment of this order is in progress; the order can be cancelled only if that payment fails.", ["id"]);
