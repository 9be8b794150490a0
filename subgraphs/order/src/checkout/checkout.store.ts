// Persistence of checkout: idempotency requests and the orders they create.
import { randomUUID } from "node:crypto";
import type { OrderDb, Tx } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import { orderRecord } from "../order/order.store.js";
import type { OrderRecord } from "../order/order.type.js";
import type { OrderSnapshot } from "./checkout-quote.rules.js";
import type { NewOrderServiceLine } from "./checkout-delivery.rules.js";
import type { OrderDeliveryRecord } from "../order/order-delivery.type.js";

/** Everything an order is written with: the quote's snapshot and the delivery's. */
export interface PlacedOrderSnapshot extends OrderSnapshot {
  delivery: OrderDeliveryRecord;
  serviceLines: NewOrderServiceLine[];
}

export interface CheckoutRequestRow {
  id: string;
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  status: string;
  orderId: string | null;
  createdAt: Date;
}

export class CheckoutStore {
  constructor(private readonly db: OrderDb) {}

  findRequest(userId: string, idempotencyKey: string): Promise<CheckoutRequestRow | null> {
    return this.db.checkoutRequest.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey } } });
  }

  /** Claims the key for this caller; null when a request with the key already exists. */
  async claim(userId: string, idempotencyKey: string, requestHash: string, now: Date): Promise<CheckoutRequestRow | null> {
    const id = randomUUID();
    const inserted = await this.db.$executeRaw`
      INSERT INTO "orders"."checkout_request" ("id", "user_id", "idempotency_key", "request_hash", "created_at")
      VALUES (${id}, ${userId}, ${idempotencyKey}, ${requestHash}, ${now})
      ON CONFLICT ("user_id", "idempotency_key") DO NOTHING`;
    return inserted === 1 ? this.db.checkoutRequest.findUnique({ where: { id } }) : null;
  }

  async forget(requestId: string, tx: Tx | OrderDb = this.db): Promise<void> {
    await tx.checkoutRequest.deleteMany({ where: { id: requestId, status: "PENDING" } });
  }

  /**
   * One request that never completed (the process died, or the catalog's answer was lost), older
   * than `olderThan` and not in `skip`, locked until `tx` ends; rows another process holds are
   * skipped, not waited for (FOR UPDATE SKIP LOCKED). Null when none is left.
   */
  async lockStalePending(tx: Tx, olderThan: Date, skip: string[]): Promise<CheckoutRequestRow | null> {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "orders"."checkout_request"
      WHERE "status" = 'PENDING' AND "created_at" <= ${olderThan} AND NOT ("id" = ANY(${skip}::text[]))
      ORDER BY "created_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
    return row ? tx.checkoutRequest.findUnique({ where: { id: row.id } }) : null;
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  /** Creates the order with its quote snapshot and completes the request, in `tx`; `currencyCode` is every line's (checkout.rules orderCurrency). */
  async createOrder(tx: Tx, input: { request: CheckoutRequestRow; userId: string; snapshot: PlacedOrderSnapshot; currencyCode: string; now: Date }): Promise<OrderRecord> {
    const [{ n }] = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('"orders"."order_number_seq"') AS n`;
    const { currencyCode, snapshot } = input;
    const { cost, delivery } = snapshot;
    // Ids of our own, so each service line can name its order line.
    const lines = snapshot.lines.map((line, position) => ({ id: randomUUID(), position, ...line }));
    const order = await tx.order.create({
      data: {
        number: `TR-${String(n).padStart(6, "0")}`,
        userId: input.userId,
        currencyCode,
        totalMinor: cost.totalMinor,
        subtotalMinor: cost.subtotalMinor,
        servicesSubtotalMinor: cost.servicesSubtotalMinor,
        shippingMinor: cost.shippingMinor,
        discountTotalMinor: cost.discountTotalMinor,
        taxMinor: cost.taxMinor,
        taxIncluded: cost.taxIncluded,
        discounts: cost.discounts as unknown as Prisma.InputJsonValue,
        quoteHash: snapshot.quoteHash,
        reservationId: input.request.id,
        createdAt: input.now,
        updatedAt: input.now,
        email: delivery.email,
        shippingAddress: (delivery.shippingAddress ?? undefined) as unknown as Prisma.InputJsonValue | undefined,
        shippingOptionId: delivery.shipping?.optionId ?? null,
        shippingTitle: delivery.shipping?.title ?? null,
        shippingPriceMinor: delivery.shipping?.priceMinor ?? null,
        shippingDeliveryDate: delivery.shipping?.deliveryDate ? new Date(`${delivery.shipping.deliveryDate}T00:00:00Z`) : null,
        shippingAddOns: (delivery.shipping?.addOns ?? undefined) as unknown as Prisma.InputJsonValue | undefined,
        lines: { create: lines },
      },
    });
    // After the lines they name (their foreign key needs the lines to exist).
    if (snapshot.serviceLines.length > 0) {
      await tx.orderServiceLine.createMany({
        data: snapshot.serviceLines.map(({ linePosition, ...service }, position) => ({
          orderId: order.id,
          position,
          ...service,
          orderLineId: linePosition === null ? null : lines[linePosition].id,
        })),
      });
    }
    await tx.checkoutRequest.update({ where: { id: input.request.id }, data: { status: "COMPLETED", orderId: order.id } });
    return orderRecord(order);
  }

  async findOrder(id: string): Promise<OrderRecord | null> {
    const order = await this.db.order.findUnique({ where: { id } });
    return order && orderRecord(order);
  }
}
