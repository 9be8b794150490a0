// Processing a verified provider event, exactly once: in one transaction the event's id is
// recorded (a delivery seen before stops there), the payment it names is locked, and the change it
// reports is applied if it moves the payment forward, with its event in the outbox.
import type { Clock } from "@trolley/http";
import type { PaymentSettlement } from "../payment/payment-settlement.js";
import type { PaymentStore } from "../payment/payment.store.js";
import type { PaymentRecord } from "../payment/payment.type.js";
import { paymentChangeOf } from "./webhook-change.rules.js";
import type { WebhookEvent } from "./webhook-event.js";

/** applied: the payment moved. duplicate: the event was processed before. ignored: nothing to do. */
export type WebhookOutcome = "applied" | "duplicate" | "ignored";

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
