// Money captured for an order that ended cancelled goes back by itself, exactly once, with
// PaymentRefunded. Under the claim protocol an order is not cancelled under a payment, so this is
// the safety net for what slipped past it (an order changed behind the protocol, a payment
// settling in a way not foreseen). Three ways in, one refund path (RefundService.refundLocked):
//  - OrderCancelled (order-events): the cancellation is recorded (cancelled_order) and every
//    SUCCEEDED payment of the order refunded, in the consumer's transaction. If the provider fails,
//    the transaction rolls back and the consumer retries the event.
//  - A payment moving to SUCCEEDED (PaymentSettlement, after commit): refunded if its order is
//    recorded cancelled.
//  - sweep(), periodic in every payment process: SUCCEEDED payments of recorded cancelled orders,
//    for a refund that failed after the payment's own success. Safe with any number of processes:
//    each refund locks the payment row and re-reads its status, so one refunds and the rest find it
//    REFUNDED.
// The first two cannot both miss a payment: the consumer locks all the order's payments, so a
// payment settling meanwhile either commits SUCCEEDED first (the consumer then sees and refunds it)
// or settles after the cancellation committed (and then finds it recorded). Both may try; the row
// lock makes one of them refund.
import type { CancelledOrderStore } from "./cancelled-order.store.js";
import type { Tx } from "./payment.store.js";
import { PaymentStatus, type PaymentRecord } from "./payment.type.js";
import type { RefundService } from "./refund.service.js";

interface Logger {
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
}

const SWEEP_BATCH = 100;

export class CancelledOrderRefunds {
  constructor(
    private readonly store: CancelledOrderStore,
    private readonly refunds: RefundService,
    private readonly logger: Logger,
  ) {}

  /** An order was cancelled at `cancelledAt` (OrderCancelled, in the consumer's transaction). Returns the payments it refunded. */
  async onOrderCancelled(tx: Tx, orderId: string, cancelledAt: Date): Promise<PaymentRecord[]> {
    await this.store.record(tx, orderId, cancelledAt);
    const refunded: PaymentRecord[] = [];
    for (const payment of await this.store.lockPaymentsOfOrder(tx, orderId)) {
      const after = await this.refunds.refundLocked(tx, payment, "ORDER_CANCELLED");
      if (after) refunded.push(after);
    }
    if (refunded.length) this.logger.info("refunded payments of a cancelled order", { orderId, payments: refunded.map((p) => p.id) });
    return refunded;
  }

  /** A payment just moved to SUCCEEDED (committed): refunds it if its order was cancelled. Never throws. */
  async afterSucceeded(payment: PaymentRecord): Promise<void> {
    try {
      if (payment.status !== PaymentStatus.SUCCEEDED || !(await this.store.isCancelled(payment.orderId))) return;
      const refunded = await this.refunds.refundPayment(payment.id, "ORDER_CANCELLED");
      if (refunded) this.logger.info("refunded a payment that succeeded for a cancelled order", { orderId: payment.orderId, paymentId: payment.id });
    } catch (error) {
      // The sweep tries again.
      this.logger.warn("automatic refund of a cancelled order's payment failed; the sweep retries", { paymentId: payment.id, error });
    }
  }

  /** Refunds what the other two paths left (a provider failure). Returns how many it refunded. */
  async sweep(): Promise<number> {
    let refunded = 0;
    for (const paymentId of await this.store.succeededOfCancelled(SWEEP_BATCH)) {
      try {
        if (await this.refunds.refundPayment(paymentId, "ORDER_CANCELLED")) refunded++;
      } catch (error) {
        this.logger.warn("automatic refund failed; the next sweep retries", { paymentId, error });
      }
    }
    return refunded;
  }
}
