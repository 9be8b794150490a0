// Stripe's webhook events in our vocabulary (webhook-event.ts). Only the four that settle a payment
// are translated; every other type keeps its name under a `stripe:` prefix, so it is recorded,
// acknowledged and ignored, and can never be mistaken for one of ours (Stripe has its own
// `charge.succeeded`, about a Charge rather than the PaymentIntent we hold).
import type Stripe from "stripe";
import type { WebhookEvent } from "../webhooks/webhook-event.js";
import { failureCodeOf } from "./stripe-failure-codes.js";

/** The metadata key our payment's id travels under on the PaymentIntent. */
export const PAYMENT_ID_METADATA = "payment_id";

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));
const paymentIdOf = (metadata: Stripe.Metadata | null | undefined) => metadata?.[PAYMENT_ID_METADATA] || undefined;

/** The event in our vocabulary; null when it lacks what its type must carry. */
export function webhookEventOfStripe(event: Stripe.Event): WebhookEvent | null {
  const of = (type: string, providerRef: string | null, paymentId: string | undefined, failureCode?: string): WebhookEvent | null =>
    providerRef ? { id: event.id, type, created: event.created, data: { providerRef, ...(paymentId ? { paymentId } : {}), ...(failureCode ? { failureCode } : {}) } } : null;

  switch (event.type) {
    case "payment_intent.succeeded":
      return of("charge.succeeded", event.data.object.id, paymentIdOf(event.data.object.metadata));
    case "payment_intent.payment_failed": {
      const intent = event.data.object;
      return of("charge.failed", intent.id, paymentIdOf(intent.metadata), failureCodeOf(intent.last_payment_error ?? {}));
    }
    case "payment_intent.canceled":
      return of("charge.canceled", event.data.object.id, paymentIdOf(event.data.object.metadata));
    case "charge.refunded": {
      const charge = event.data.object;
      // We refund in full only; a partial refund made elsewhere (the dashboard) leaves the payment be.
      const type = charge.refunded ? "charge.refunded" : "stripe:charge.refunded.partially";
      return of(type, idOf(charge.payment_intent), paymentIdOf(charge.metadata));
    }
    default: {
      const object = event.data.object as { id?: string };
      return { id: event.id, type: `stripe:${event.type}`, created: event.created, data: { providerRef: object.id ?? "" } };
    }
  }
}
