// The built-in `test` provider: a card processor's sandbox in-process. It accepts a charge for one
// of its test tokens and answers with a charge reference at once; a few milliseconds later it
// posts the outcome to our webhook URL, signed, like a real processor (retrying a failed delivery
// a few times). An unknown token is refused synchronously. Its memory of charges is in-process.
import { randomBytes } from "node:crypto";
import { signWebhook, SIGNATURE_HEADER } from "../webhooks/webhook-signature.js";
import type { WebhookEvent, WebhookEventType } from "../webhooks/webhook-event.js";
import { ChargeRefused, type ChargeRequest, type PaymentProvider, type RefundRequest } from "./payment-provider.js";

type Outcome = { type: "charge.succeeded" } | { type: "charge.failed"; failureCode: string };

/** The tokens the test provider accepts and what becomes of a charge made with each. */
export const TEST_TOKENS: Readonly<Record<string, Outcome>> = Object.freeze({
  tok_visa: { type: "charge.succeeded" },
  tok_chargeDeclined: { type: "charge.failed", failureCode: "CARD_DECLINED" },
  tok_insufficientFunds: { type: "charge.failed", failureCode: "INSUFFICIENT_FUNDS" },
});

export interface TestProviderSettings {
  /** Read at each delivery: a process started on port 0 knows its address only once it listens. */
  webhookUrl: () => string;
  webhookSecret: string;
  /** Delay between accepting a charge (or refund) and sending its webhook. */
  delayMs: number;
  logger?: { warn(msg: string, fields?: Record<string, unknown>): void };
}

// A delivery that fails is retried after these delays, then given up.
const RETRY_DELAYS_MS = [100, 500, 2000];
const DELIVERY_TIMEOUT_MS = 5000;
// Bounds the in-memory charge records of a long-running development process.
const REMEMBERED_CHARGES = 10_000;

const randomId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

export class TestPaymentProvider implements PaymentProvider {
  readonly name = "test";
  /** By idempotency key: asking again with the same key returns the same charge. */
  private readonly charges = new Map<string, { providerRef: string; paymentId: string }>();
  private readonly paymentOfCharge = new Map<string, string>();
  /** By idempotency key: asking again with the same key returns the same refund. */
  private readonly refunds = new Map<string, string>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly aborter = new AbortController();

  constructor(private readonly settings: TestProviderSettings) {}

  async charge(request: ChargeRequest): Promise<{ providerRef: string }> {
    const outcome = Object.hasOwn(TEST_TOKENS, request.token) ? TEST_TOKENS[request.token] : undefined;
    if (!outcome) {
      throw new ChargeRefused("INVALID_PAYMENT_METHOD", "The test provider accepts only tok_visa, tok_chargeDeclined and tok_insufficientFunds.");
    }
    const earlier = this.charges.get(request.idempotencyKey);
    if (earlier) return { providerRef: earlier.providerRef };

    const providerRef = randomId("ch");
    this.remember(request.idempotencyKey, { providerRef, paymentId: request.paymentId });
    this.send(outcome.type, {
      providerRef,
      paymentId: request.paymentId,
      ...(outcome.type === "charge.failed" ? { failureCode: outcome.failureCode } : {}),
    });
    return { providerRef };
  }

  async refund(request: RefundRequest): Promise<{ refundRef: string }> {
    const earlier = this.refunds.get(request.idempotencyKey);
    if (earlier) return { refundRef: earlier };
    const refundRef = randomId("re");
    if (this.refunds.size >= REMEMBERED_CHARGES) this.refunds.delete(this.refunds.keys().next().value!);
    this.refunds.set(request.idempotencyKey, refundRef);
    const paymentId = this.paymentOfCharge.get(request.providerRef);
    // A charge made before this process started is refunded without a notification.
    if (paymentId) this.send("charge.refunded", { providerRef: request.providerRef, paymentId });
    return { refundRef };
  }

  /** Cancels the webhooks not yet delivered (on shutdown). */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
  }

  private remember(idempotencyKey: string, charge: { providerRef: string; paymentId: string }) {
    if (this.charges.size >= REMEMBERED_CHARGES) {
      const [oldestKey, oldest] = this.charges.entries().next().value!;
      this.charges.delete(oldestKey);
      this.paymentOfCharge.delete(oldest.providerRef);
    }
    this.charges.set(idempotencyKey, charge);
    this.paymentOfCharge.set(charge.providerRef, charge.paymentId);
  }

  private send(type: WebhookEventType, data: WebhookEvent["data"]) {
    const event: WebhookEvent = { id: randomId("evt"), type, created: Math.floor(Date.now() / 1000), data };
    this.later(this.settings.delayMs, () => this.deliver(event, 0));
  }

  private async deliver(event: WebhookEvent, attempt: number): Promise<void> {
    if (this.aborter.signal.aborted) return;
    const body = JSON.stringify(event);
    let failure: string;
    try {
      const response = await fetch(this.settings.webhookUrl(), {
        method: "POST",
        // Signed at each attempt, like a real provider: the timestamp is the delivery's.
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(body, this.settings.webhookSecret) },
        body,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      await response.arrayBuffer();
      if (response.ok) return;
      failure = `HTTP ${response.status}`;
    } catch (error) {
      if (this.aborter.signal.aborted) return;
      failure = (error as Error).message;
    }
    const retryIn = RETRY_DELAYS_MS[attempt];
    // Never the body: it names the payment, and that is all the log needs.
    this.settings.logger?.warn("test provider could not deliver a webhook", { eventId: event.id, type: event.type, attempt: attempt + 1, failure, willRetry: retryIn !== undefined });
    if (retryIn !== undefined) this.later(retryIn, () => this.deliver(event, attempt + 1));
  }

  private later(delayMs: number, work: () => Promise<void>) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void work();
    }, delayMs);
    // A pending webhook alone never keeps a process alive; the server does.
    timer.unref();
    this.timers.add(timer);
  }
}
