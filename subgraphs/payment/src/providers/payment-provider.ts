// The strategy every payment provider implements. A charge answers its immediate state (settled at
// once, processing, or waiting for the customer's 3-D Secure); whatever follows the provider tells
// later in a webhook it signs its own way (verifyWebhook), and can be asked about at any time
// (retrieve), e.g. by a job that reconciles payments whose webhook never came.
import type { IncomingHttpHeaders } from "node:http";
import type { WebhookEvent } from "../webhooks/webhook-event.js";

export interface ChargeRequest {
  /** Our payment's id: the provider echoes it in its webhooks. */
  paymentId: string;
  /** Integer minor units of currencyCode, always the order's own total. */
  amountMinor: number;
  currencyCode: string;
  /** The client's payment method token; never logged or stored. */
  token: string;
  /** The provider charges at most once per key, however often it is asked. */
  idempotencyKey: string;
}

export interface RefundRequest {
  providerRef: string;
  amountMinor: number;
  /** The provider refunds at most once per key, however often it is asked (`refund:<paymentId>`). */
  idempotencyKey: string;
}

/** A charge as a provider states it, in one vocabulary for every provider. */
export type ProviderChargeStatus = "processing" | "requires_action" | "succeeded" | "failed" | "canceled" | "refunded";

/** What a provider answers when it accepts a charge. */
export interface ChargeAccepted {
  providerRef: string;
  status: ProviderChargeStatus;
  /** requires_action only: what the payer's client completes 3-D Secure with. */
  clientSecret?: string | null;
  /** failed only, e.g. CARD_DECLINED. */
  failureCode?: string | null;
}

/** A charge as the provider knows it now. */
export interface ProviderCharge {
  providerRef: string;
  status: ProviderChargeStatus;
  failureCode?: string | null;
}

/** A webhook delivery as it arrived: the raw body, exactly as signed, and the request headers. */
export interface WebhookDelivery {
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
}

/** A verified delivery's event in our vocabulary, or why the delivery was refused (answered 400). */
export type WebhookVerification = { ok: true; event: WebhookEvent } | { ok: false; reason: string };

export interface PaymentProvider {
  /** Stored on each payment and part of the webhook path: `/webhooks/<name>`. */
  readonly name: string;
  /** Charges, answering the charge's state at once, or throws ChargeRefused. */
  charge(request: ChargeRequest): Promise<ChargeAccepted>;
  refund(request: RefundRequest): Promise<{ refundRef: string }>;
  /** The charge as the provider knows it now. */
  retrieve(providerRef: string): Promise<ProviderCharge>;
  /**
   * The charge made for our payment, found by the payment id the charge carries; null when the
   * provider never took one. For a charge whose answer never reached us (no providerRef stored).
   */
  findByPayment(paymentId: string): Promise<ProviderCharge | null>;
  /** Voids a charge not yet captured (requires_action, processing); answers its state either way. */
  cancel(providerRef: string): Promise<ProviderCharge>;
  /**
   * Checks a delivery's signature the provider's way and reads its event into our vocabulary
   * (`charge.succeeded`, `charge.failed`, `charge.refunded`, `charge.canceled`; other types are
   * passed on and ignored). Never throws for a bad delivery: it answers why it was refused.
   */
  verifyWebhook(delivery: WebhookDelivery): WebhookVerification;
}

/** The provider refused the charge outright: nothing was charged and no webhook follows. */
export class ChargeRefused extends Error {
  constructor(
    /** A user error code, e.g. INVALID_PAYMENT_METHOD. */
    readonly failureCode: string,
    message: string,
  ) {
    super(message);
    this.name = "ChargeRefused";
  }
}

/** The providers this process knows, by name; the first is the one new payments use. */
export class ProviderRegistry {
  private readonly byName: Map<string, PaymentProvider>;

  constructor(readonly providers: [PaymentProvider, ...PaymentProvider[]]) {
    this.byName = new Map(providers.map((provider) => [provider.name, provider]));
  }

  get default(): PaymentProvider {
    return this.providers[0];
  }

  get(name: string): PaymentProvider | undefined {
    return this.byName.get(name);
  }
}
