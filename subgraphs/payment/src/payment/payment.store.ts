// Payment persistence: the only place that queries the payment, payment_request and provider_event
// tables. Uniqueness that decides races (one active payment per order, one request per caller and
// key, one processing per webhook event) is left to Postgres: inserts use ON CONFLICT DO NOTHING
// and report whether they won.
import { randomUUID } from "node:crypto";
import { minorFromColumn } from "@trolley/federation";
import type { PaymentDb } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { PaymentRecord, PaymentStatus } from "./payment.type.js";

export type Tx = Prisma.TransactionClient;

const asRecord = (row: { status: string; amountMinor: bigint } & Omit<PaymentRecord, "status" | "amountMinor">): PaymentRecord => ({
  ...row,
  status: row.status as PaymentStatus,
  amountMinor: minorFromColumn(row.amountMinor),
});

export interface NewPayment {
  orderId: string;
  userId: string;
  amountMinor: number;
  currencyCode: string;
  provider: string;
}

/** Who asked for a payment (or its refund) under which key; requestHash names the parameters. */
export interface PaymentRequestKey {
  userId: string;
  idempotencyKey: string;
  requestHash: string;
}

export type CreatePaymentOutcome =
  | { kind: "created"; payment: PaymentRecord }
  /** The order already has a PROCESSING, REQUIRES_ACTION or SUCCEEDED payment. */
  | { kind: "order-busy" }
  /** The caller's key was taken first (by a concurrent request or with other parameters). */
  | { kind: "key-taken" };

/** Thrown inside a transaction to roll it back with an outcome for the caller. */
class Rollback<T> extends Error {
  constructor(readonly outcome: T) {
    super("rolled back");
  }
}

const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

export class PaymentStore {
  constructor(private readonly db: PaymentDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, TRANSACTION_OPTIONS);
  }

  /** One query for any number of ids. */
  async findByIds(ids: readonly string[]): Promise<PaymentRecord[]> {
    const rows = await this.db.payment.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(asRecord);
  }

  async findById(id: string, tx: Tx | PaymentDb = this.db): Promise<PaymentRecord | null> {
    const row = await tx.payment.findUnique({ where: { id } });
    return row && asRecord(row);
  }

  /** The payments of any number of orders in one query. */
  async findByOrderIds(orderIds: readonly string[]): Promise<PaymentRecord[]> {
    const rows = await this.db.payment.findMany({ where: { orderId: { in: [...orderIds] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(asRecord);
  }

  findRequest(userId: string, idempotencyKey: string, tx: Tx | PaymentDb = this.db): Promise<{ requestHash: string; paymentId: string } | null> {
    return tx.paymentRequest.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey } }, select: { requestHash: true, paymentId: true } });
  }

  /**
   * A PROCESSING payment and the request that made it, in one transaction, or nothing at all.
   * Under concurrent attempts on one order the unique index lets exactly one insert through; the
   * others wait for it to commit and then see the conflict.
   */
  async createPayment(payment: NewPayment, request: PaymentRequestKey, now: Date): Promise<CreatePaymentOutcome> {
    const id = randomUUID();
    try {
      return await this.transaction(async (tx): Promise<CreatePaymentOutcome> => {
        const inserted = await tx.$executeRaw`
          INSERT INTO "payment"."payment" ("id", "order_id", "user_id", "status", "amount_minor", "currency_code", "provider", "created_at", "updated_at")
          VALUES (${id}, ${payment.orderId}, ${payment.userId}, 'PROCESSING', ${payment.amountMinor}, ${payment.currencyCode}, ${payment.provider}, ${now}, ${now})
          ON CONFLICT ("order_id") WHERE "status" IN ('PROCESSING', 'REQUIRES_ACTION', 'SUCCEEDED') DO NOTHING`;
        if (inserted === 0) throw new Rollback<CreatePaymentOutcome>({ kind: "order-busy" });
        if (!(await this.insertRequest(tx, request, id, now))) throw new Rollback<CreatePaymentOutcome>({ kind: "key-taken" });
        return { kind: "created", payment: (await this.findById(id, tx))! };
      });
    } catch (error) {
      if (error instanceof Rollback) return error.outcome as CreatePaymentOutcome;
      throw error;
    }
  }

  /** False when the caller's key is already taken. */
  async insertRequest(tx: Tx, request: PaymentRequestKey, paymentId: string, now: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO "payment"."payment_request" ("user_id", "idempotency_key", "request_hash", "payment_id", "created_at")
      VALUES (${request.userId}, ${request.idempotencyKey}, ${request.requestHash}, ${paymentId}, ${now})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  /** Records the provider's reference unless one is already set (a webhook may have set it first). */
  async setProviderRef(paymentId: string, providerRef: string, tx: Tx | PaymentDb = this.db): Promise<void> {
    await tx.payment.updateMany({ where: { id: paymentId, providerRef: null }, data: { providerRef } });
  }

  /**
   * One payment PROCESSING since before `cutoffs.processing`, or REQUIRES_ACTION since before
   * `cutoffs.action`, oldest first, locked until the transaction ends. Payments another process
   * holds are skipped (SKIP LOCKED), and so are those in `seen`.
   */
  async lockStaleUnsettled(tx: Tx, cutoffs: { processing: Date; action: Date }, seen: string[]): Promise<PaymentRecord | null> {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "payment"."payment"
      WHERE (("status" = 'PROCESSING' AND "updated_at" <= ${cutoffs.processing})
          OR ("status" = 'REQUIRES_ACTION' AND "updated_at" <= ${cutoffs.action}))
        AND NOT ("id" = ANY(${seen}::text[]))
      ORDER BY "updated_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
    return row ? this.findById(row.id, tx) : null;
  }

  /** The payment, locked until the transaction ends, so its transitions apply one at a time. */
  async lock(tx: Tx, paymentId: string): Promise<PaymentRecord | null> {
    await tx.$queryRaw`SELECT 1 FROM "payment"."payment" WHERE "id" = ${paymentId} FOR UPDATE`;
    return this.findById(paymentId, tx);
  }

  /** The payment holding this provider reference, locked like lock() (webhooks that name only the charge). */
  async lockByProviderRef(tx: Tx, provider: string, providerRef: string): Promise<PaymentRecord | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "payment"."payment" WHERE "provider" = ${provider} AND "provider_ref" = ${providerRef} FOR UPDATE`;
    return rows.length === 1 ? this.findById(rows[0].id, tx) : null;
  }

  async update(
    tx: Tx,
    paymentId: string,
    change: { status: PaymentStatus; failureCode?: string | null; providerRef?: string; clientSecret?: string | null },
    now: Date,
  ): Promise<PaymentRecord> {
    const row = await tx.payment.update({ where: { id: paymentId }, data: { ...change, updatedAt: now } });
    return asRecord(row);
  }

  /** False when the provider's event was recorded before: it has been processed already. */
  async recordProviderEvent(tx: Tx, provider: string, eventId: string, now: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO "payment"."provider_event" ("provider", "event_id", "processed_at")
      VALUES (${provider}, ${eventId}, ${now})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }
}
