// Settles the payments a provider's webhook never settled. Each run asks the provider about every
// payment left PROCESSING past PAYMENT_RECONCILE_AFTER (found by its charge reference, or by our
// payment id when the charge's answer never reached us), and cancels at the provider every payment
// left REQUIRES_ACTION past PAYMENT_ACTION_TIMEOUT (the customer never completed 3-D Secure). The
// provider's answer moves the payment through PaymentSettlement like a webhook, so its events
// (PaymentSucceeded, PaymentFailed) flow as usual and the order's claim is settled by them.
//
// Safe with any number of payment processes: a payment is taken with FOR UPDATE SKIP LOCKED and held
// while its provider is asked, so no two processes ask about one payment at once, and a webhook that
// arrives meanwhile waits for the lock, then finds the payment settled and changes nothing.
import type { Clock } from "@trolley/http";
import type { PaymentProvider, ProviderCharge, ProviderRegistry } from "../providers/payment-provider.js";
import type { PaymentSettlement } from "./payment-settlement.js";
import type { PaymentStore, Tx } from "./payment.store.js";
import { PaymentStatus, type PaymentRecord } from "./payment.type.js";
import { providerChargeChange } from "./provider-charge-change.rules.js";

export interface ReconciliationSettings {
  /** A PROCESSING payment unchanged for this long is asked about at its provider. */
  processingAfterMs: number;
  /** A REQUIRES_ACTION payment unchanged for this long is cancelled at its provider. */
  actionTimeoutMs: number;
  /** Payments looked at per run, at most. */
  batchSize?: number;
}

interface Logger {
  warn(msg: string, fields?: Record<string, unknown>): void;
}

/** What one run did: `settled` payments moved, `asked` payments looked at. */
export interface ReconciliationRun {
  asked: number;
  settled: number;
}

export class PaymentReconciliation {
  constructor(
    private readonly store: PaymentStore,
    private readonly providers: ProviderRegistry,
    private readonly settlement: PaymentSettlement,
    private readonly clock: Clock,
    private readonly settings: ReconciliationSettings,
    private readonly logger: Logger,
  ) {}

  async runOnce(): Promise<ReconciliationRun> {
    const now = this.clock.now().getTime();
    const cutoffs = { processing: new Date(now - this.settings.processingAfterMs), action: new Date(now - this.settings.actionTimeoutMs) };
    // Each payment at most once per run, whatever the provider answered.
    const seen: string[] = [];
    let settled = 0;
    while (seen.length < (this.settings.batchSize ?? 100)) {
      let taken: string | null = null;
      try {
        const moved = await this.store.transaction(async (tx) => {
          const payment = await this.store.lockStaleUnsettled(tx, cutoffs, seen);
          if (!payment) return null;
          taken = payment.id;
          seen.push(payment.id);
          return this.reconcile(tx, payment);
        });
        if (taken === null) break;
        if (moved) {
          settled++;
          await this.settlement.committed(moved);
        }
      } catch (error) {
        // The provider did not answer: the payment stays as it is, and the next run asks again.
        if (taken === null) throw error;
        this.logger.warn("could not reconcile a payment with its provider; the next run tries again", { paymentId: taken, error });
      }
    }
    return { asked: seen.length, settled };
  }

  /** Asks the provider and applies its answer in `tx`; the payment if it moved. */
  private async reconcile(tx: Tx, payment: PaymentRecord): Promise<PaymentRecord | null> {
    const provider = this.providers.get(payment.provider);
    if (!provider) {
      this.logger.warn("a payment's provider is not configured in this process; it cannot be reconciled", { paymentId: payment.id, provider: payment.provider });
      return null;
    }
    const charge = await this.ask(provider, payment);
    // The provider never took a charge for it: nothing was captured, and the order may be paid again.
    if (!charge) return this.settlement.applyLocked(tx, payment, { to: PaymentStatus.FAILED, failureCode: "PAYMENT_FAILED" });
    const change = providerChargeChange(charge);
    const moved = change && (await this.settlement.applyLocked(tx, payment, change, { providerRef: charge.providerRef }));
    if (!moved && payment.providerRef === null) await this.store.setProviderRef(payment.id, charge.providerRef, tx);
    return moved;
  }

  private async ask(provider: PaymentProvider, payment: PaymentRecord): Promise<ProviderCharge | null> {
    const providerRef = payment.providerRef ?? (await provider.findByPayment(payment.id))?.providerRef ?? null;
    if (providerRef === null) return null;
    return payment.status === PaymentStatus.REQUIRES_ACTION ? provider.cancel(providerRef) : provider.retrieve(providerRef);
  }
}
