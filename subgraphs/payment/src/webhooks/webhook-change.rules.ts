// What a provider's webhook event changes about our payment. Pure: the webhook service applies
// the change; tests call it with each event type.
import { ORDER_FAILURE_CODES } from "../payment/pay-order.rules.js";
import type { PaymentChange } from "../payment/payment-transitions.rules.js";
import { PaymentStatus } from "../payment/payment.type.js";
import type { WebhookEvent } from "./webhook-event.js";

/** The change an event reports; null for an event type that changes no payment. */
export function paymentChangeOf(event: WebhookEvent): PaymentChange | null {
  switch (event.type) {
    case "charge.succeeded":
      return { to: PaymentStatus.SUCCEEDED };
    case "charge.failed":
      return { to: PaymentStatus.FAILED, failureCode: providerFailureCode(event.data.failureCode) };
    case "charge.refunded":
      return { to: PaymentStatus.REFUNDED };
    // Voided before it completed (3-D Secure never done): nothing was taken.
    case "charge.canceled":
      return { to: PaymentStatus.FAILED, failureCode: "PAYMENT_CANCELED" };
    default:
      return null;
  }
}

// A provider has no say about orders: the order's failure codes are payment's own.
const providerFailureCode = (code: string | null | undefined) => (!code || ORDER_FAILURE_CODES.has(code) ? "PAYMENT_FAILED" : code);
