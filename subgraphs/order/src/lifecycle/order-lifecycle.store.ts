// Persistence of the order lifecycle: the only place that moves an order's status or its payment
// claim. Every move is a conditional update (on the status it starts from and, where it matters,
// on the claim that was seen), so whoever loses a race changes nothing and learns it from the count.
import type { OrderDb, Tx } from "../db.js";
import { orderRecord, type OrderRow } from "../order/order.store.js";
import type { OrderRecord, OrderStatus } from "../order/order.type.js";

/** An order as the lifecycle sees it: the record, its stock reservation and its payment claim. */
export interface LifecycleOrder extends OrderRecord {
  reservationId: string | null;
  /** The payment currently attempted (its claim), or null. */
  paymentInFlight: string | null;
}

export interface Move {
  from: OrderStatus;
  to: OrderStatus;
  now: Date;
  cancelReason?: string;
  /** Only if the claim is still this one (null: no claim). Undefined: whatever the claim. */
  claimSeen?: string | null;
  /** The move settles the claim (paid, cancelled): it is cleared with it. */
  clearClaim?: boolean;
}

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

const asOrder = (row: OrderRow & { reservationId: string | null; paymentInFlight: string | null }): LifecycleOrder => ({
  ...orderRecord(row),
  reservationId: row.reservationId,
  paymentInFlight: row.paymentInFlight,
});

export class OrderLifecycleStore {
  constructor(private readonly db: OrderDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, TRANSACTION_OPTIONS);
  }

  async find(orderId: string, tx: Tx | OrderDb = this.db): Promise<LifecycleOrder | null> {
    const row = await tx.order.findUnique({ where: { id: orderId } });
    return row && asOrder(row);
  }

  /** The order, locked until the transaction ends. */
  async lock(tx: Tx, orderId: string): Promise<LifecycleOrder | null> {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "orders"."customer_order" WHERE "id" = ${orderId} FOR UPDATE`;
    return locked ? this.find(orderId, tx) : null;
  }

  async setClaim(tx: Tx, orderId: string, paymentId: string, now: Date): Promise<void> {
    await tx.order.update({ where: { id: orderId }, data: { paymentInFlight: paymentId, paymentClaimedAt: now } });
  }

  /** Clears the claim if it still names this payment (a newer payment's claim stays). */
  async clearClaim(tx: Tx, orderId: string, paymentId: string): Promise<boolean> {
    const { count } = await tx.order.updateMany({ where: { id: orderId, paymentInFlight: paymentId }, data: { paymentInFlight: null, paymentClaimedAt: null } });
    return count === 1;
  }

  /** The conditional move; the order after it, or null when it was not in the state required. */
  async move(tx: Tx, orderId: string, move: Move): Promise<LifecycleOrder | null> {
    const { count } = await tx.order.updateMany({
      // `paymentInFlight: null` is IS NULL: the claim compared like IS NOT DISTINCT FROM.
      where: { id: orderId, status: move.from, ...(move.claimSeen !== undefined ? { paymentInFlight: move.claimSeen } : {}) },
      data: {
        status: move.to,
        updatedAt: move.now,
        ...(move.cancelReason ? { cancelReason: move.cancelReason } : {}),
        ...(move.clearClaim ? { paymentInFlight: null, paymentClaimedAt: null } : {}),
      },
    });
    return count === 1 ? this.find(orderId, tx) : null;
  }

  /**
   * Cancels up to `limit` unclaimed orders unpaid since `cutoff`, skipping rows another process
   * holds (it is expiring them, or a claim is landing on them), and returns them.
   */
  expireUnclaimed(tx: Tx, cutoff: Date, now: Date, limit: number): Promise<{ id: string; user_id: string; reservation_id: string | null }[]> {
    return tx.$queryRaw`
      UPDATE "orders"."customer_order" SET "status" = 'CANCELLED', "cancel_reason" = 'PAYMENT_TIMEOUT', "updated_at" = ${now}
      WHERE "id" IN (
        SELECT "id" FROM "orders"."customer_order"
        WHERE "status" = 'PENDING_PAYMENT' AND "created_at" <= ${cutoff} AND "payment_in_flight" IS NULL
        ORDER BY "created_at" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      AND "status" = 'PENDING_PAYMENT' AND "payment_in_flight" IS NULL
      RETURNING "id", "user_id", "reservation_id"`;
  }

  /** Claimed orders unpaid since `cutoff`, oldest first, with the claim as it is now. */
  async claimedOverdue(cutoff: Date, limit: number): Promise<{ id: string; paymentInFlight: string }[]> {
    const rows = await this.db.order.findMany({
      where: { status: "PENDING_PAYMENT", createdAt: { lte: cutoff }, paymentInFlight: { not: null } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: { id: true, paymentInFlight: true },
    });
    return rows.map((row) => ({ id: row.id, paymentInFlight: row.paymentInFlight! }));
  }
}
