// payOrder: charges an order's own total, once per caller and idempotency key.
//
// 1. A key seen before answers with the payment it made (or IDEMPOTENCY_KEY_REUSED).
// 2. The order is read from the order subgraph (no lock is held across that call): it must be the
//    caller's and awaiting payment.
// 3. The PROCESSING payment and the request row are written in one transaction; the unique index on
//    the order's active payment refuses every concurrent attempt but one.
// 3b. The order is claimed for this payment (order subgraph, with the order row locked there): it
//    must still be the caller's and awaiting payment. From then on the order's cancel and expiry
//    ask this context before cancelling, so an order is never cancelled under a charge. A refused
//    claim (cancelled or expired meanwhile) or no answer settles the payment FAILED with that code,
//    and the provider is never asked: money is only ever captured for a claimed order. A claim
//    that landed without its answer is harmless: the order asks here, and a FAILED payment counts
//    as none.
// 4. Only then is the provider asked to charge. It answers at once; the outcome comes in its
//    answer when the provider decides on the spot (SUCCEEDED, FAILED) or needs the payer
//    (REQUIRES_ACTION, with the client secret for 3-D Secure: answered at once, as only the payer
//    can move it on), applied like a webhook would be; otherwise in its webhook, which may reach any
//    payment process, so this one polls the row for it, up to PAYMENT_CONFIRM_WAIT, and answers the
//    payment as it then is.
import { checkTextArguments, type UserErrorData } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import { OrderUnavailable, type OrderClient } from "../clients/order.client.js";
import { ChargeRefused, type PaymentProvider } from "../providers/payment-provider.js";
import { checkOrderPayable, idempotencyKeyReused, orderNotPayable, paymentFailure, payOrderRequestHash } from "./pay-order.rules.js";
import type { PaymentSettlement } from "./payment-settlement.js";
import type { PaymentStore } from "./payment.store.js";
import { providerChargeChange } from "./provider-charge-change.rules.js";
import { PaymentStatus, type PaymentRecord } from "./payment.type.js";

export interface PayOrderInput {
  orderId: string;
  paymentMethodToken: string;
  idempotencyKey: string;
}

/** The payment as payOrder answers it; a failed payment comes with the user error of its failure. */
export interface PayOrderResult {
  payment: PaymentRecord;
  failure: UserErrorData | null;
}

export interface PayOrderSettings {
  /** How long to wait for the provider's confirmation before answering PROCESSING. */
  confirmWaitMs: number;
  /** How often the payment row is read while waiting. */
  pollIntervalMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PayOrderService {
  private readonly confirmWaitMs: number;
  private readonly pollIntervalMs: number;

  constructor(
    private readonly store: PaymentStore,
    private readonly orders: OrderClient,
    private readonly provider: PaymentProvider,
    private readonly settlement: PaymentSettlement,
    private readonly clock: Clock,
    settings: PayOrderSettings,
  ) {
    this.confirmWaitMs = settings.confirmWaitMs;
    this.pollIntervalMs = settings.pollIntervalMs ?? 25;
  }

  /** `ownerId` is the caller's owner key (user id or guest:<id>). */
  async pay(ownerId: string, input: PayOrderInput): Promise<PayOrderResult> {
    checkTextArguments({ orderId: input.orderId, paymentMethodToken: input.paymentMethodToken, idempotencyKey: input.idempotencyKey });
    const request = { userId: ownerId, idempotencyKey: input.idempotencyKey, requestHash: payOrderRequestHash(input.orderId, input.paymentMethodToken) };

    const earlier = await this.replay(request);
    if (earlier) return earlier;

    const order = checkOrderPayable(await this.orders.order(input.orderId), ownerId);
    const outcome = await this.store.createPayment(
      { orderId: order.id, userId: ownerId, amountMinor: order.totalMinor, currencyCode: order.currencyCode, provider: this.provider.name },
      request,
      this.clock.now(),
    );
    if (outcome.kind !== "created") {
      // A concurrent request with this very key may have won the race: then this is its replay.
      const replayed = await this.replay(request);
      if (replayed) return replayed;
      if (outcome.kind === "key-taken") throw idempotencyKeyReused();
      throw orderNotPayable();
    }

    const { payment } = outcome;
    const refusal = await this.claim(payment, ownerId);
    if (refusal) {
      await this.settlement.apply(payment.id, { to: PaymentStatus.FAILED, failureCode: refusal });
      return this.answer(payment.id);
    }

    await this.charge(payment, input.paymentMethodToken);
    return this.answer(payment.id);
  }

  /** Asks the provider to charge the payment and applies its answer. */
  private async charge(payment: PaymentRecord, token: string): Promise<void> {
    try {
      const answer = await this.provider.charge({
        paymentId: payment.id,
        amountMinor: payment.amountMinor,
        currencyCode: payment.currencyCode,
        token,
        // One charge per payment, however often the provider is asked.
        idempotencyKey: payment.id,
      });
      await this.store.setProviderRef(payment.id, answer.providerRef);
      const change = providerChargeChange(answer);
      // Through the settlement like a webhook: a webhook that overtook this answer has already
      // moved the payment, and the answer then changes nothing.
      if (change) await this.settlement.apply(payment.id, change, { providerRef: answer.providerRef });
    } catch (error) {
      // Any other failure leaves the outcome unknown: the payment stays PROCESSING until the
      // provider's webhook settles it, and the error reaches the client as an internal error.
      if (!(error instanceof ChargeRefused)) throw error;
      await this.settlement.apply(payment.id, { to: PaymentStatus.FAILED, failureCode: error.failureCode });
    }
  }

  /** Claims the order for the payment; the failure code when the order refused or did not answer. */
  private async claim(payment: PaymentRecord, ownerId: string): Promise<string | null> {
    try {
      const claimed = await this.orders.claim(payment.orderId, payment.id, ownerId);
      return claimed.ok ? null : claimed.error.code;
    } catch (error) {
      // Whatever went wrong, nothing was charged: FAILED is the truth, and the order may be retried.
      return error instanceof OrderUnavailable ? error.code : "ORDER_UNAVAILABLE";
    }
  }

  /** The answer to a key seen before, null for a new key. */
  private async replay(request: { userId: string; idempotencyKey: string; requestHash: string }): Promise<PayOrderResult | null> {
    const earlier = await this.store.findRequest(request.userId, request.idempotencyKey);
    if (!earlier) return null;
    if (earlier.requestHash !== request.requestHash) throw idempotencyKeyReused();
    return this.answer(earlier.paymentId);
  }

  private async answer(paymentId: string): Promise<PayOrderResult> {
    const payment = await this.awaitSettlement(paymentId);
    return { payment, failure: payment.status === PaymentStatus.FAILED ? paymentFailure(payment.failureCode) : null };
  }

  /** The payment once the provider has answered (settled, or waiting for the payer), or as it is when the wait is over. */
  private async awaitSettlement(paymentId: string): Promise<PaymentRecord> {
    // Time the request waits, on the real clock: a test clock stands still.
    const deadline = Date.now() + this.confirmWaitMs;
    let payment = await this.store.findById(paymentId);
    while (payment && payment.status === PaymentStatus.PROCESSING && Date.now() < deadline) {
      await sleep(Math.min(this.pollIntervalMs, Math.max(0, deadline - Date.now())));
      payment = await this.store.findById(paymentId);
    }
    if (!payment) throw new Error(`payment ${paymentId} vanished`);
    return payment;
  }
}
