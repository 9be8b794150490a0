// Everything that moves an order after checkout: the owner cancels, an admin fulfills, the payment
// context reports a payment, the clock expires unpaid orders. Each move is a conditional update on
// the order's current status plus its event in the same transaction, so it happens exactly once
// however many order processes (or redelivered events) attempt it.
import { DomainError } from "@trolley/errors";
import { isAdmin, type Identity } from "@trolley/identity";
import type { Outbox } from "@trolley/outbox";
import type { Tx } from "../checkout/checkout.store.js";
import type { Clock } from "@trolley/http";
import type { OrderDb } from "../db.js";
import { orderRecord } from "../order/order.store.js";
import { OrderStatus, type OrderRecord } from "../order/order.type.js";
import { checkTransition, transitionOf, type OrderAction } from "./order-transitions.js";

interface Logger {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export class OrderLifecycle {
  constructor(
    private readonly db: OrderDb,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly afterCommit: () => void = () => {},
  ) {}

  /** The owner cancels an unpaid order; its stock goes back (the catalog consumes OrderCancelled). */
  cancel(caller: Identity, orderId: string): Promise<OrderRecord> {
    return this.act(orderId, "cancel", (order) => {
      const owner = caller.kind === "user" || caller.kind === "guest" ? caller.subject : null;
      if (order.userId !== owner && !isAdmin(caller)) throw notFound();
    }, { reason: "CUSTOMER" });
  }

  /** An admin marks a paid order fulfilled. */
  fulfill(orderId: string): Promise<OrderRecord> {
    return this.act(orderId, "fulfill", () => {});
  }

  /** Applies a payment-events event inside the consumer's transaction (once per event). */
  async applyPaymentEvent(event: { type: string; data: Record<string, unknown> }, tx: Tx): Promise<void> {
    if (event.type !== "PaymentSucceeded") return;
    const { orderId, paymentId } = event.data as { orderId: string; paymentId: string };
    const now = this.clock.now();
    const paid = await this.move(tx, orderId, "pay", now, { paymentId });
    if (!paid) {
      const order = await tx.order.findUnique({ where: { id: orderId } });
      if (order?.status === OrderStatus.CANCELLED) {
        // Money arrived for an order that had already expired or been cancelled: a person must refund it.
        this.logger.error("payment succeeded for a cancelled order; refund needed", { orderId, paymentId });
      }
    }
  }

  /** Cancels orders unpaid for `timeoutMs`. Returns their ids. */
  async expireUnpaid(timeoutMs: number, limit = 200): Promise<string[]> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - timeoutMs);
    const expired = await this.db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; user_id: string; reservation_id: string | null }[]>`
        UPDATE "orders"."customer_order" SET "status" = 'CANCELLED', "cancel_reason" = 'PAYMENT_TIMEOUT', "updated_at" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "orders"."customer_order" WHERE "status" = 'PENDING_PAYMENT' AND "created_at" <= ${cutoff}
          ORDER BY "created_at" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        AND "status" = 'PENDING_PAYMENT'
        RETURNING "id", "user_id", "reservation_id"`;
      await this.outbox.append(
        tx,
        rows.map((row) => ({
          type: "OrderCancelled",
          aggregateId: row.id,
          userId: row.user_id,
          occurredAt: now,
          data: { orderId: row.id, reservationId: row.reservation_id, reason: "PAYMENT_TIMEOUT" },
        })),
      );
      return rows.map((row) => row.id);
    });
    if (expired.length) this.afterCommit();
    return expired;
  }

  private async act(orderId: string, action: OrderAction, authorize: (order: OrderRecord) => void, data: Record<string, unknown> = {}): Promise<OrderRecord> {
    const now = this.clock.now();
    const order = await this.db.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "orders"."customer_order" WHERE "id" = ${orderId} FOR UPDATE`;
      if (!locked) throw notFound();
      const current = orderRecord((await tx.order.findUnique({ where: { id: orderId } }))!);
      authorize(current);
      checkTransition(current.status, action);
      await this.move(tx, orderId, action, now, data);
      return orderRecord((await tx.order.findUnique({ where: { id: orderId } }))!);
    });
    this.afterCommit();
    return order;
  }

  /** The conditional update and its event; false if the order was not in the starting state. */
  private async move(tx: Tx, orderId: string, action: OrderAction, now: Date, data: Record<string, unknown>): Promise<boolean> {
    const { from, to, event } = transitionOf(action);
    const cancelReason = to === OrderStatus.CANCELLED ? String(data.reason ?? "CUSTOMER") : undefined;
    const { count } = await tx.order.updateMany({ where: { id: orderId, status: from }, data: { status: to, updatedAt: now, ...(cancelReason ? { cancelReason } : {}) } });
    if (count === 0) return false;
    const order = (await tx.order.findUnique({ where: { id: orderId } }))!;
    await this.outbox.append(tx, [
      { type: event, aggregateId: orderId, userId: order.userId, occurredAt: now, data: { orderId, reservationId: order.reservationId, from, to, ...data } },
    ]);
    return true;
  }
}

const notFound = () => new DomainError("ORDER_NOT_FOUND", "No order with that id is visible to you.", ["id"]);
