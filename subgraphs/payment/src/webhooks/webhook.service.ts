// Processing a verified provider event, exactly once: in one transaction the event's id is
// recorded (a delivery seen before stops there), the payment it names is locked, and the change it
// reports is applied if it moves the payment forward, with its event in the outbox.
import type { Clock } from "@trolley/http";
import type { PaymentSettlement } from "../payment/payment-settlement.js";
import type { PaymentStore } from "../payment/payment.store.js";
import type { PaymentChange } from "../payment/payment-transitions.rules.js";
import { PaymentStatus, type PaymentRecord } from "../payment/payment.type.js";
import type { WebhookEvent } from "./webhook-event.js";

/** applied: the payment moved. duplicate: the event was processed before. ignored: nothing to do. */
export type WebhookOutcome = "applied" | "duplicate" | "ignored";

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

// Codes payment records itself when the order refuses a claim; a provider has no say about orders.
const ORDER_FAILURE_CODES: ReadonlySet<string> = new Set(["ORDER_NOT_PAYABLE", "ORDER_NOT_FOUND", "ORDER_UNAVAILABLE"]);
const providerFailureCode = (code: string | null | undefined) => (!code || ORDER_FAILURE_CODES.has(code) ? "PAYMENT_FAILED" : code);

export class WebhookService {
  constructor(
    private readonly store: PaymentStore,
    private readonly settlement: PaymentSettlement,
    private readonly clock: Clock,
  ) {}

  async process(provider: string, event: WebhookEvent): Promise<WebhookOutcome> {
    const { outcome, moved } = await this.store.transaction(async (tx): Promise<{ outcome: WebhookOutcome; moved?: PaymentRecord }> => {
      // A concurrent delivery of the same event waits on this insert and then finds it taken.
      if (!(await this.store.recordProviderEvent(tx, provider, event.id, this.clock.now()))) return { outcome: "duplicate" };
      const change = paymentChangeOf(event);
      if (!change) return { outcome: "ignored" };
      // Some provider events name only the charge (a Stripe refund is about a Charge, not our payment).
      const payment = event.data.paymentId
        ? await this.store.lock(tx, event.data.paymentId)
        : await this.store.lockByProviderRef(tx, provider, event.data.providerRef);
      // A provider settles only its own charges, and only the charge it made for this payment.
      if (!payment || payment.provider !== provider) return { outcome: "ignored" };
      if (payment.providerRef !== null && payment.providerRef !== event.data.providerRef) return { outcome: "ignored" };
      const moved = await this.settlement.applyLocked(tx, payment, change, { providerRef: event.data.providerRef });
      return moved ? { outcome: "applied", moved } : { outcome: "ignored" };
    });
    if (outcome === "applied") await this.settlement.committed(moved);
    return outcome;
  }
}
