// Persistence of the orders the order context reported cancelled (cancelled_order), and the
// queries the automatic refund needs about their payments.
import type { PaymentDb } from "../db.js";
import type { PaymentStore, Tx } from "./payment.store.js";
import type { PaymentRecord } from "./payment.type.js";

export class CancelledOrderStore {
  constructor(
    private readonly db: PaymentDb,
    private readonly payments: PaymentStore,
  ) {}

  /** Records the cancellation (once: a redelivered event changes nothing). */
  async record(tx: Tx, orderId: string, cancelledAt: Date): Promise<void> {
    await tx.$executeRaw`
      INSERT INTO "payment"."cancelled_order" ("order_id", "cancelled_at") VALUES (${orderId}, ${cancelledAt})
      ON CONFLICT DO NOTHING`;
  }

  async isCancelled(orderId: string): Promise<boolean> {
    return (await this.db.cancelledOrder.count({ where: { orderId } })) > 0;
  }

  /**
   * Every payment of the order, locked until the transaction ends, as they are once locked. All of
   * them, not only the SUCCEEDED ones: a payment moving to SUCCEEDED right now is then waited for
   * and seen SUCCEEDED, so it cannot slip between this and its own after-success check.
   */
  async lockPaymentsOfOrder(tx: Tx, orderId: string): Promise<PaymentRecord[]> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "payment"."payment" WHERE "order_id" = ${orderId} ORDER BY "id" FOR UPDATE`;
    const payments = await Promise.all(rows.map((row) => this.payments.findById(row.id, tx)));
    return payments.filter((payment): payment is PaymentRecord => payment !== null);
  }

  /** SUCCEEDED payments of cancelled orders: money that should have gone back and has not yet. */
  async succeededOfCancelled(limit: number): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT p."id" FROM "payment"."payment" p JOIN "payment"."cancelled_order" c ON c."order_id" = p."order_id"
      WHERE p."status" = 'SUCCEEDED' ORDER BY p."updated_at" LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }
}
