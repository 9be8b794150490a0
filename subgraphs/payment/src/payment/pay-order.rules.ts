// What payOrder accepts: which order may be charged by whom, how a request is recognised when its
// idempotency key comes again, and what a refused charge tells the client.
import { createHash } from "node:crypto";
import { DomainError, userErrorCodes, type UserErrorCode, type UserErrorData } from "@trolley/errors";
import type { OrderToPay } from "../clients/order.client.js";

export const PAYABLE_ORDER_STATUS = "PENDING_PAYMENT";

const sha256 = (parts: string[]) => createHash("sha256").update(JSON.stringify(parts)).digest("hex");

/** Names a payOrder request's parameters without storing the payment method token. */
export const payOrderRequestHash = (orderId: string, paymentMethodToken: string) => sha256(["payOrder", orderId, paymentMethodToken]);

/** Names a refundPayment request's parameters; never equal to a payOrder hash. */
export const refundRequestHash = (paymentId: string) => sha256(["refundPayment", paymentId]);

export const idempotencyKeyReused = () =>
  new DomainError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used with other parameters. Use a new key.", ["idempotencyKey"]);

/** The order if the caller may pay it now; ORDER_NOT_FOUND or ORDER_NOT_PAYABLE otherwise. */
export function checkOrderPayable(order: OrderToPay | null, ownerId: string): OrderToPay {
  // Someone else's order answers like one that does not exist.
  if (!order || order.ownerId !== ownerId) throw new DomainError("ORDER_NOT_FOUND", "No order with this id was found.", ["orderId"]);
  if (order.status !== PAYABLE_ORDER_STATUS) throw orderNotPayable(`The order is ${order.status}, not awaiting payment.`);
  return order;
}

export const orderNotPayable = (message = "The order already has a payment in progress or completed.") =>
  new DomainError("ORDER_NOT_PAYABLE", message, ["orderId"]);

const failureMessages: Partial<Record<UserErrorCode, string>> = {
  CARD_DECLINED: "The card was declined. Try another payment method.",
  INSUFFICIENT_FUNDS: "The card has insufficient funds. Try another payment method.",
  INVALID_PAYMENT_METHOD: "This payment method cannot be used. Try another payment method.",
  // A payment the order refused to be claimed for (cancelled or expired meanwhile, or unreachable):
  // nothing was charged.
  ORDER_NOT_PAYABLE: "The order is no longer awaiting payment (it was cancelled or has expired); nothing was charged.",
  ORDER_NOT_FOUND: "No order with this id was found; nothing was charged.",
  ORDER_UNAVAILABLE: "The order could not be reached to start the payment; nothing was charged. Please retry.",
};

/** Failures that concern the order rather than the payment method: payment records them itself when the order refuses a claim. */
export const ORDER_FAILURE_CODES: ReadonlySet<string> = new Set(["ORDER_NOT_PAYABLE", "ORDER_NOT_FOUND", "ORDER_UNAVAILABLE"]);

/** The user error of a failed payment; a failure code we have no name for is PAYMENT_FAILED. */
export function paymentFailure(failureCode: string | null): UserErrorData {
  const code = failureCode && failureCode in failureMessages && failureCode in userErrorCodes ? (failureCode as UserErrorCode) : "PAYMENT_FAILED";
  const field = ORDER_FAILURE_CODES.has(code) ? ["orderId"] : ["paymentMethodToken"];
  return { code, message: failureMessages[code] ?? "The payment was refused. Try another payment method.", field };
}
