// The built-in `test` provider: a card processor's sandbox, for development and tests. It accepts a
// charge for one of its test tokens and answers at once; a little later (PAYMENT_TEST_PROVIDER_DELAY)
// it posts the outcome to our webhook URL, signed, like a real processor. Its charges, refunds and
// pending webhooks are rows in the payment schema (test-provider.store.ts), so they survive a
// restart and any payment process sends them (test-webhook-sender.ts). An unknown token is refused
// synchronously. Never for production: config.ts refuses it there unless ALLOW_TEST_PAYMENTS=on.
import { randomBytes } from "node:crypto";
import type { WebhookEvent, WebhookEventType } from "../webhooks/webhook-event.js";
import { parseWebhookEvent } from "../webhooks/webhook-event.js";
import { SIGNATURE_HEADER, verifyWebhookSignature } from "../webhooks/webhook-signature.js";
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
import type { NewTestWebhook, TestCharge, TestProviderStore } from "./test-provider.store.js";
import type { TestWebhookSender } from "./test-webhook-sender.js";

type Outcome = { type: "charge.succeeded"; threeDSecure?: true } | { type: "charge.failed"; failureCode: string };

/**
 * The tokens the test provider accepts and what becomes of a charge made with each. A charge with
 * tok_threeDSecureRequired answers requires_action with a client secret; the customer is taken to
 * complete the challenge after the provider's delay, when the charge succeeds and its
 * charge.succeeded webhook is sent (unless the charge was canceled first).
 */
export const TEST_TOKENS: Readonly<Record<string, Outcome>> = Object.freeze({
  tok_visa: { type: "charge.succeeded" },
  tok_chargeDeclined: { type: "charge.failed", failureCode: "CARD_DECLINED" },
  tok_insufficientFunds: { type: "charge.failed", failureCode: "INSUFFICIENT_FUNDS" },
  tok_threeDSecureRequired: { type: "charge.succeeded", threeDSecure: true },
});

export interface TestProviderSettings {
  store: TestProviderStore;
  sender: TestWebhookSender;
  /** Verifies the Trolley-Signature of the webhooks it sends. */
  webhookSecret: string;
  /** Delay between accepting a charge (or refund, or cancel) and sending its webhook. */
  delayMs: number;
}

const randomId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

/** Still in the customer's or the processor's hands, so it can be voided. */
const CANCELABLE: readonly ProviderChargeStatus[] = ["requires_action", "processing"];

export class TestPaymentProvider implements PaymentProvider {
  readonly name = "test";

  constructor(private readonly settings: TestProviderSettings) {}

  async charge(request: ChargeRequest): Promise<ChargeAccepted> {
    const outcome = Object.hasOwn(TEST_TOKENS, request.token) ? TEST_TOKENS[request.token] : undefined;
    if (!outcome) {
      throw new ChargeRefused("INVALID_PAYMENT_METHOD", `The test provider accepts only ${Object.keys(TEST_TOKENS).join(", ")}.`);
    }
    const providerRef = randomId("ch");
    const threeDSecure = outcome.type === "charge.succeeded" && outcome.threeDSecure === true;
    // A plain card is decided at once (retrieve tells it) though, as with a real processor, the
    // outcome is notified by webhook; a 3-D Secure charge waits for the customer.
    const charge: TestCharge & { idempotencyKey: string } = {
      providerRef,
      idempotencyKey: request.idempotencyKey,
      paymentId: request.paymentId,
      amountMinor: request.amountMinor,
      currencyCode: request.currencyCode,
      status: threeDSecure ? "requires_action" : outcome.type === "charge.succeeded" ? "succeeded" : "failed",
      answeredStatus: threeDSecure ? "requires_action" : "processing",
      failureCode: outcome.type === "charge.failed" ? outcome.failureCode : null,
      clientSecret: threeDSecure ? `${providerRef}_secret_${randomBytes(12).toString("hex")}` : null,
    };
    const webhook = this.webhook(outcome.type, { providerRef, paymentId: request.paymentId, ...(charge.failureCode ? { failureCode: charge.failureCode } : {}) });
    const recorded = await this.settings.store.insertCharge(charge, [{ ...webhook, completesAction: threeDSecure }]);
    // The same key again answers the charge it made first, and queues nothing new.
    if (recorded.providerRef === providerRef) this.settings.sender.wakeIn(this.settings.delayMs);
    return {
      providerRef: recorded.providerRef,
      status: recorded.answeredStatus,
      clientSecret: recorded.answeredStatus === "requires_action" ? recorded.clientSecret : null,
    };
  }

  async retrieve(providerRef: string): Promise<ProviderCharge> {
    const charge = await this.settings.store.findCharge(providerRef);
    if (!charge) throw new Error(`the test provider has no charge ${providerRef}`);
    return { providerRef, status: charge.status, failureCode: charge.failureCode };
  }

  async findByPayment(paymentId: string): Promise<ProviderCharge | null> {
    const charge = await this.settings.store.findChargeOfPayment(paymentId);
    return charge && { providerRef: charge.providerRef, status: charge.status, failureCode: charge.failureCode };
  }

  async cancel(providerRef: string): Promise<ProviderCharge> {
    const { store } = this.settings;
    const { charge, queued } = await store.transaction(async (tx) => {
      const current = await store.lockCharge(tx, providerRef);
      if (!current) throw new Error(`the test provider has no charge ${providerRef}`);
      if (!CANCELABLE.includes(current.status)) return { charge: current, queued: false };
      await store.setChargeStatus(tx, providerRef, "canceled");
      // The customer can no longer complete a canceled charge.
      await store.dropPendingCompletion(tx, providerRef);
      await store.insertWebhooks(tx, [this.webhook("charge.canceled", { providerRef, paymentId: current.paymentId })]);
      return { charge: { ...current, status: "canceled" as const }, queued: true };
    });
    if (queued) this.settings.sender.wakeIn(this.settings.delayMs);
    return { providerRef, status: charge.status, failureCode: charge.failureCode };
  }

  async refund(request: RefundRequest): Promise<{ refundRef: string }> {
    const { store } = this.settings;
    const { refundRef, queued } = await store.transaction(async (tx) => {
      // The charge's lock orders concurrent refunds with one key: the second finds the first's.
      const charge = await store.lockCharge(tx, request.providerRef);
      if (!charge) throw new Error(`the test provider has no charge ${request.providerRef}`);
      const earlier = await store.findRefund(request.idempotencyKey, tx);
      if (earlier) return { refundRef: earlier.refundRef, queued: false };
      if (charge.status !== "succeeded") throw new Error(`the test provider cannot refund a charge that is ${charge.status}`);
      const ref = randomId("re");
      await store.insertRefund(tx, { refundRef: ref, idempotencyKey: request.idempotencyKey, providerRef: request.providerRef, amountMinor: request.amountMinor });
      await store.setChargeStatus(tx, request.providerRef, "refunded");
      await store.insertWebhooks(tx, [this.webhook("charge.refunded", { providerRef: request.providerRef, paymentId: charge.paymentId })]);
      return { refundRef: ref, queued: true };
    });
    if (queued) this.settings.sender.wakeIn(this.settings.delayMs);
    return { refundRef };
  }

  verifyWebhook({ rawBody, headers }: WebhookDelivery): WebhookVerification {
    const header = headers[SIGNATURE_HEADER];
    const check = verifyWebhookSignature(typeof header === "string" ? header : undefined, rawBody, this.settings.webhookSecret);
    if (!check.ok) return check;
    const event = parseWebhookEvent(rawBody);
    return event ? { ok: true, event } : { ok: false, reason: "malformed event" };
  }

  private webhook(type: WebhookEventType, data: WebhookEvent["data"]): NewTestWebhook {
    const event: WebhookEvent = { id: randomId("evt"), type, created: Math.floor(Date.now() / 1000), data };
    return { id: event.id, providerRef: data.providerRef, payload: JSON.stringify(event), delayMs: this.settings.delayMs };
  }
}
