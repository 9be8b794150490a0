// Moves payments forward (payment-transitions.rules.ts) and records each move's event in the outbox in
// the same transaction. Every status change of a payment goes through here: the provider's
// webhooks, the charge's own answer (3-D Secure needed, settled at once, refused outright), and
// refunds. Once a move to SUCCEEDED has committed, it tells its `onSucceeded` listener (the
// automatic refund of a payment whose order was cancelled).
import { systemClock, type Clock } from "@trolley/http";
import type { Outbox } from "@trolley/outbox";
import { paymentEvent } from "./payment.events.js";
import type { PaymentStore, Tx } from "./payment.store.js";
import { canMove, type PaymentChange } from "./payment-transitions.rules.js";
import { PaymentStatus, type PaymentRecord } from "./payment.type.js";

export class PaymentSettlement {
  private afterSucceeded: (payment: PaymentRecord) => Promise<void> = async () => {};

  constructor(
    private readonly store: PaymentStore,
    private readonly outbox: Pick<Outbox, "append">,
    /** Told after a transaction that moved a payment committed (wakes the outbox relay). */
    private readonly afterCommit: () => void = () => {},
    /** Told the status each applied change moved a payment to (metrics). */
    private readonly moved: (to: PaymentStatus) => void = () => {},
    /** When payments move and their events happen. */
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Tells `listener` each payment that moved to SUCCEEDED, after commit; it must not throw. Set
   * after construction: the listener (the automatic refund) refunds through this settlement.
   */
  onSucceeded(listener: (payment: PaymentRecord) => Promise<void>): void {
    this.afterSucceeded = listener;
  }

  /**
   * Applies the change to a payment the caller locked in `tx`, if it moves the payment forward.
   * Returns the payment after the change, or null when the change was not applied.
   */
  async applyLocked(tx: Tx, payment: PaymentRecord, change: PaymentChange, seen: { providerRef?: string } = {}): Promise<PaymentRecord | null> {
    if (!canMove(payment.status, change.to)) return null;
    const now = this.clock.now();
    const updated = await this.store.update(tx, payment.id, {
      status: change.to,
      ...(change.to === PaymentStatus.FAILED ? { failureCode: change.failureCode } : {}),
      // The secret completes the charge with the provider: kept only while the payer needs it.
      clientSecret: change.to === PaymentStatus.REQUIRES_ACTION ? change.clientSecret : null,
      // The webhook can overtake payOrder storing the reference the provider answered with.
      ...(payment.providerRef === null && seen.providerRef ? { providerRef: seen.providerRef } : {}),
    }, now);
    const event = paymentEvent(updated, change, now);
    if (event) {
      await this.outbox.append(tx, [event]);
      // Told here rather than after commit: the move is the caller's last statement before it commits.
      this.moved(change.to);
    }
    return updated;
  }

  /** The same in a transaction of its own; the payment after it (changed or not), null if none. */
  async apply(paymentId: string, change: PaymentChange, seen: { providerRef?: string } = {}): Promise<PaymentRecord | null> {
    const { payment, moved } = await this.store.transaction(async (tx) => {
      const current = await this.store.lock(tx, paymentId);
      const after = current && (await this.applyLocked(tx, current, change, seen));
      return { payment: after ?? current, moved: after !== null };
    });
    if (moved) await this.committed(payment);
    return payment;
  }

  /** Callers that used applyLocked in their own transaction call this once it committed, with the payment it moved. */
  async committed(moved?: PaymentRecord | null): Promise<void> {
    this.afterCommit();
    if (moved?.status === PaymentStatus.SUCCEEDED) await this.afterSucceeded(moved);
  }
}
