// The `stripe` provider, on the official SDK: a charge is a PaymentIntent created and confirmed at
// once with the client's payment method (from Stripe.js), refunds are Refunds, and webhooks are
// verified with the SDK's own constructEvent. The PaymentIntent's id is our providerRef; our
// payment's id travels in its metadata. STRIPE_API_URL points the SDK elsewhere (tests run it
// against a local server that speaks the same documented endpoints).
import Stripe from "stripe";
import {
  ChargeRefused,
  type ChargeAccepted,
  type ChargeRequest,
  type PaymentProvider,
  type ProviderCharge,
  type ProviderChargeStatus,
  type RefundRequest,
  type WebhookDelivery,
  type WebhookVerification,
} from "./payment-provider.js";
import { PAYMENT_ID_METADATA, webhookEventOfStripe } from "./stripe-events.js";
import { failureCodeOf } from "./stripe-failure-codes.js";

export interface StripeProviderSettings {
  secretKey: string;
  webhookSecret: string;
  /** protocol://host:port of the API; Stripe's own when unset. */
  apiUrl?: string;
}

// payOrder waits on the charge: better an unknown outcome (settled later by webhook) than a hung request.
const REQUEST_TIMEOUT_MS = 10_000;
// Safe to retry: every call that changes something carries an idempotency key, and the SDK reuses it.
const NETWORK_RETRIES = 2;

const SIGNATURE_HEADER = "stripe-signature";

function connection(apiUrl: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

/** A PaymentIntent's status in the providers' common vocabulary. */
function chargeOf(intent: Stripe.PaymentIntent): ProviderCharge {
  const latest = intent.latest_charge;
  if (latest && typeof latest === "object" && latest.refunded) return { providerRef: intent.id, status: "refunded" };
  const status: ProviderChargeStatus = (() => {
    switch (intent.status) {
      case "succeeded":
        return "succeeded";
      case "requires_action":
        return "requires_action";
      case "canceled":
        return "canceled";
      // Confirmation failed (declined, or 3-D Secure failed): the intent waits for another method we never send.
      case "requires_payment_method":
        return "failed";
      default:
        return "processing";
    }
  })();
  return { providerRef: intent.id, status, ...(status === "failed" ? { failureCode: failureCodeOf(intent.last_payment_error ?? {}) } : {}) };
}

/** The refusal a Stripe error stands for; null when it says nothing about the card (the outcome stays unknown). */
function refusalOf(error: unknown): ChargeRefused | null {
  if (error instanceof Stripe.errors.StripeCardError) {
    return new ChargeRefused(failureCodeOf(error), "The card was refused by Stripe.");
  }
  if (error instanceof Stripe.errors.StripeInvalidRequestError && failureCodeOf(error) === "INVALID_PAYMENT_METHOD") {
    return new ChargeRefused("INVALID_PAYMENT_METHOD", "Stripe does not accept this payment method.");
  }
  return null;
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = "stripe";
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeProviderSettings) {
    this.stripe = new Stripe(settings.secretKey, {
      timeout: REQUEST_TIMEOUT_MS,
      maxNetworkRetries: NETWORK_RETRIES,
      telemetry: false,
      ...connection(settings.apiUrl),
    });
  }

  async charge(request: ChargeRequest): Promise<ChargeAccepted> {
    let intent: Stripe.PaymentIntent;
    try {
      intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amountMinor,
          currency: request.currencyCode.toLowerCase(),
          payment_method: request.token,
          confirm: true,
          // Cards only, confirmed here: a method that would redirect the customer is refused
          // rather than needing a return_url; 3-D Secure still comes back as requires_action.
          automatic_payment_methods: { enabled: true, allow_redirects: "never" },
          metadata: { [PAYMENT_ID_METADATA]: request.paymentId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
    } catch (error) {
      throw refusalOf(error) ?? error;
    }
    const charge = chargeOf(intent);
    return { ...charge, clientSecret: charge.status === "requires_action" ? intent.client_secret : null };
  }

  async retrieve(providerRef: string): Promise<ProviderCharge> {
    // The latest charge tells a refund, which the PaymentIntent's own status does not.
    return chargeOf(await this.stripe.paymentIntents.retrieve(providerRef, { expand: ["latest_charge"] }));
  }

  async findByPayment(paymentId: string): Promise<ProviderCharge | null> {
    // Search is eventually consistent (an intent can take about a minute to be found): callers ask
    // only about payments older than that (PAYMENT_RECONCILE_AFTER).
    const found = await this.stripe.paymentIntents.search({ query: `metadata['${PAYMENT_ID_METADATA}']:'${paymentId.replace(/'/g, "")}'`, limit: 1 });
    const [intent] = found.data;
    return intent ? chargeOf(intent) : null;
  }

  async cancel(providerRef: string): Promise<ProviderCharge> {
    try {
      return chargeOf(await this.stripe.paymentIntents.cancel(providerRef));
    } catch (error) {
      // Stripe refuses to cancel an intent that already succeeded or was canceled: answer its state.
      if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "payment_intent_unexpected_state") return this.retrieve(providerRef);
      throw error;
    }
  }

  async refund(request: RefundRequest): Promise<{ refundRef: string }> {
    const refund = await this.stripe.refunds.create({ payment_intent: request.providerRef, amount: request.amountMinor }, { idempotencyKey: request.idempotencyKey });
    return { refundRef: refund.id };
  }

  verifyWebhook({ rawBody, headers }: WebhookDelivery): WebhookVerification {
    const header = headers[SIGNATURE_HEADER];
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, typeof header === "string" ? header : "", this.settings.webhookSecret);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeSignatureVerificationError) return { ok: false, reason: "invalid signature" };
      return { ok: false, reason: "malformed event" };
    }
    const translated = webhookEventOfStripe(event);
    return translated ? { ok: true, event: translated } : { ok: false, reason: "malformed event" };
  }
}
