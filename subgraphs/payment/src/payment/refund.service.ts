// refundPayment: an admin gives a succeeded payment's money back, once per admin and key.
//
// The payment row stays locked while the provider refunds: a second refund of the same payment
// (another admin, another key, another process) waits and then finds it REFUNDED, so money is never
// returned twice. Refunds are rare and the provider answers at once, so the lock is short.
import { checkTextArguments, DomainError, forbidden } from "@trolley/errors";
import { isAdmin, type Identity } from "@trolley/identity";
import type { ProviderRegistry } from "../providers/payment-provider.js";
import { idempotencyKeyReused, refundRequestHash } from "./pay-order.rules.js";
import type { PaymentSettlement } from "./payment-settlement.js";
import type { PaymentStore } from "./payment.store.js";
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
  ) {}

  async refund(identity: Identity, input: RefundInput): Promise<PaymentRecord> {
    if (!isAdmin(identity) || identity.kind === "anonymous") throw forbidden("Only an admin may refund a payment.");
    checkTextArguments({ paymentId: input.paymentId, idempotencyKey: input.idempotencyKey });
    const request = { userId: identity.subject, idempotencyKey: input.idempotencyKey, requestHash: refundRequestHash(input.paymentId) };

    const earlier = await this.replay(request);
    if (earlier) return earlier;
    try {
      const refunded = await this.store.transaction(async (tx) => {
        const payment = await this.store.lock(tx, input.paymentId);
        if (!payment) throw notFound();
        const provider = this.providers.get(payment.provider);
        if (payment.status !== PaymentStatus.SUCCEEDED || !payment.providerRef || !provider) throw notRefundable(payment.status);
        // Before the provider is called: a concurrent request with this key waits here, then replays.
        if (!(await this.store.insertRequest(tx, request, payment.id))) throw new KeyTaken();
        // A payment is refunded in full at most once, so the payment names the provider's refund:
        // a retry after a crash between the provider's refund and our commit cannot refund twice.
        const { refundRef } = await provider.refund({ providerRef: payment.providerRef, amountMinor: payment.amountMinor, idempotencyKey: `refund-${payment.id}` });
        return (await this.settlement.applyLocked(tx, payment, { to: PaymentStatus.REFUNDED, refundRef }))!;
      });
      this.settlement.committed();
      return refunded;
    } catch (error) {
      if (!(error instanceof KeyTaken)) throw error;
      const replayed = await this.replay(request);
      if (!replayed) throw error;
      return replayed;
    }
  }

  private async replay(request: { userId: string; idempotencyKey: string; requestHash: string }): Promise<PaymentRecord | null> {
    const earlier = await this.store.findRequest(request.userId, request.idempotencyKey);
    if (!earlier) return null;
    if (earlier.requestHash !== request.requestHash) throw idempotencyKeyReused();
    return this.store.findById(earlier.paymentId);
  }
}
