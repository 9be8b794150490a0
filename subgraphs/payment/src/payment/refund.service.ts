// Refunds: an admin gives a succeeded payment's money back (refundPayment, once per admin and key;
// the resolver checks the role), and the payment context does it by itself for an order that ended
// cancelled (cancelled-order-refunds.ts). Both go through refundLocked, the one refund path.
//
// The payment row stays locked while the provider refunds: a second refund of the same payment
// (another admin, the automatic refund, another process) waits and then finds it REFUNDED, so money
// is never returned twice, even by a provider that ignored the idempotency key we send
// (`refund:<paymentId>`). Refunds are rare and the provider answers at once, so the lock is short.
// A refund the provider did not confirm changes nothing: the payment stays SUCCEEDED.
import { checkTextArguments, DomainError } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import type { Caller } from "@trolley/identity";
import type { ProviderRegistry } from "../providers/payment-provider.js";
import { idempotencyKeyReused, refundRequestHash } from "./pay-order.rules.js";
import type { PaymentSettlement } from "./payment-settlement.js";
import type { RefundReason } from "./payment-transitions.rules.js";
import type { PaymentStore, Tx } from "./payment.store.js";
import { PaymentStatus, type PaymentRecord } from "./payment.type.js";

export interface RefundInput {
  paymentId: string;
  idempotencyKey: string;
}

class KeyTaken extends Error {}

const notFound = () => new DomainError("PAYMENT_NOT_FOUND", "No payment with this id was found.", ["paymentId"]);
const notRefundable = (status: PaymentStatus) =>
  new DomainError("PAYMENT_NOT_REFUNDABLE", `The payment is ${status}; only a succeeded payment can be refunded.`, ["paymentId"]);

export class RefundService {
  constructor(
    private readonly store: PaymentStore,
    private readonly providers: ProviderRegistry,
    private readonly settlement: PaymentSettlement,
    private readonly clock: Clock,
  ) {}

  /** An admin's refund of a payment, once per admin and key. */
  async refund(admin: Caller, input: RefundInput): Promise<PaymentRecord> {
    checkTextArguments({ paymentId: input.paymentId, idempotencyKey: input.idempotencyKey });
    const request = { userId: admin.subject, idempotencyKey: input.idempotencyKey, requestHash: refundRequestHash(input.paymentId) };

    const earlier = await this.replay(request);
    if (earlier) return earlier;
    try {
      const refunded = await this.store.transaction(async (tx) => {
        const payment = await this.store.lock(tx, input.paymentId);
        if (!payment) throw notFound();
        if (!this.refundable(payment)) throw notRefundable(payment.status);
        // Before the provider is called: a concurrent request with this key waits here, then replays.
        if (!(await this.store.insertRequest(tx, request, payment.id, this.clock.now()))) throw new KeyTaken();
        return (await this.refundLocked(tx, payment, "ADMIN"))!;
      });
      await this.settlement.committed(refunded);
      return refunded;
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
      const replayed = await this.replay(request);
      if (!replayed) throw error;
      return replayed;
    }
  }

  /**
   * Refunds the payment in a transaction of its own if it is SUCCEEDED; the payment after it, or
   * null when there was nothing to refund (not SUCCEEDED: never paid, or refunded already).
   */
  async refundPayment(paymentId: string, reason: RefundReason): Promise<PaymentRecord | null> {
    const refunded = await this.store.transaction(async (tx) => {
      const payment = await this.store.lock(tx, paymentId);
      return payment && this.refundLocked(tx, payment, reason);
    });
    if (refunded) await this.settlement.committed(refunded);
    return refunded;
  }

  /**
   * The one refund path: for a payment the caller locked in `tx`, asks the provider to refund it
   * and records REFUNDED with PaymentRefunded. Null when it is not refundable; throws when the
   * provider fails (the caller's transaction rolls back and the payment stays SUCCEEDED).
   */
  async refundLocked(tx: Tx, payment: PaymentRecord, reason: RefundReason): Promise<PaymentRecord | null> {
    if (!this.refundable(payment)) return null;
    const provider = this.providers.get(payment.provider)!;
    const { refundRef } = await provider.refund({ providerRef: payment.providerRef!, amountMinor: payment.amountMinor, idempotencyKey: `refund:${payment.id}` });
    return this.settlement.applyLocked(tx, payment, { to: PaymentStatus.REFUNDED, refundRef, reason });
  }

  private refundable(payment: PaymentRecord): boolean {
    return payment.status === PaymentStatus.SUCCEEDED && payment.providerRef !== null && this.providers.get(payment.provider) !== undefined;
  }

  private async replay(request: { userId: string; idempotencyKey: string; requestHash: string }): Promise<PaymentRecord | null> {
    const earlier = await this.store.findRequest(request.userId, request.idempotencyKey);
    if (!earlier) return null;
    if (earlier.requestHash !== request.requestHash) throw idempotencyKeyReused();
    return this.store.findById(earlier.paymentId);
  }
}
