// The test provider's persistence: its charges, refunds and pending webhooks, in the payment schema
// so they survive a restart and every payment process shares them. Times are the database's clock,
// so processes whose clocks differ still agree on when a webhook is due.
import { minorFromColumn } from "@trolley/federation";
import type { PaymentDb } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ProviderChargeStatus } from "./payment-provider.js";

type Tx = Prisma.TransactionClient;

export interface TestCharge {
  providerRef: string;
  paymentId: string;
  amountMinor: number;
  currencyCode: string;
  /** What the provider knows now. */
  status: ProviderChargeStatus;
  /** What the charge call answered (replayed for the same idempotency key). */
  answeredStatus: ProviderChargeStatus;
  failureCode: string | null;
  clientSecret: string | null;
}

export interface NewTestWebhook {
  id: string;
  providerRef: string;
  payload: string;
  /** Sending it is the moment the customer completes 3-D Secure. */
  completesAction?: boolean;
  delayMs: number;
}

export interface ClaimedWebhook {
  id: string;
  providerRef: string;
  payload: string;
  attempts: number;
  completesAction: boolean;
}

const asCharge = (row: Omit<TestCharge, "status" | "answeredStatus" | "amountMinor"> & { status: string; answeredStatus: string; amountMinor: bigint }): TestCharge => ({
  providerRef: row.providerRef,
  paymentId: row.paymentId,
  amountMinor: minorFromColumn(row.amountMinor),
  currencyCode: row.currencyCode,
  status: row.status as ProviderChargeStatus,
  answeredStatus: row.answeredStatus as ProviderChargeStatus,
  failureCode: row.failureCode,
  clientSecret: row.clientSecret,
});

const NOW = "(now() AT TIME ZONE 'UTC')";

export class TestProviderStore {
  constructor(private readonly db: PaymentDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  /** The latest charge made for a payment (one per idempotency key, and the key is the payment id). */
  async findChargeOfPayment(paymentId: string): Promise<TestCharge | null> {
    const row = await this.db.testProviderCharge.findFirst({ where: { paymentId }, orderBy: { createdAt: "desc" } });
    return row && asCharge(row);
  }

  async findCharge(providerRef: string, tx: Tx | PaymentDb = this.db): Promise<TestCharge | null> {
    const row = await tx.testProviderCharge.findUnique({ where: { providerRef } });
    return row && asCharge(row);
  }

  /**
   * Records the charge with its webhooks unless the key was used before; answers the charge of the
   * key either way (a concurrent insert with the same key waits for the first, then finds it).
   */
  async insertCharge(charge: TestCharge & { idempotencyKey: string }, webhooks: NewTestWebhook[]): Promise<TestCharge> {
    return this.transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO "payment"."test_provider_charge"
          ("provider_ref", "idempotency_key", "payment_id", "amount_minor", "currency_code", "status", "answered_status", "failure_code", "client_secret")
        VALUES (${charge.providerRef}, ${charge.idempotencyKey}, ${charge.paymentId}, ${charge.amountMinor}, ${charge.currencyCode},
                ${charge.status}, ${charge.answeredStatus}, ${charge.failureCode}, ${charge.clientSecret})
        ON CONFLICT ("idempotency_key") DO NOTHING`;
      if (inserted === 1) await this.insertWebhooks(tx, webhooks);
      const row = await tx.testProviderCharge.findUniqueOrThrow({ where: { idempotencyKey: charge.idempotencyKey } });
      return asCharge(row);
    });
  }

  /** The charge, locked until the transaction ends. */
  async lockCharge(tx: Tx, providerRef: string): Promise<TestCharge | null> {
    await tx.$queryRaw`SELECT 1 FROM "payment"."test_provider_charge" WHERE "provider_ref" = ${providerRef} FOR UPDATE`;
    return this.findCharge(providerRef, tx);
  }

  async setChargeStatus(tx: Tx, providerRef: string, status: ProviderChargeStatus): Promise<void> {
    await tx.testProviderCharge.update({ where: { providerRef }, data: { status, updatedAt: new Date() } });
  }

  /** Drops the 3-D Secure completion still to come for a charge (it was canceled first). */
  async dropPendingCompletion(tx: Tx, providerRef: string): Promise<void> {
    await tx.testProviderWebhook.deleteMany({ where: { providerRef, completesAction: true, deliveredAt: null } });
  }

  async findRefund(idempotencyKey: string, tx: Tx | PaymentDb = this.db): Promise<{ refundRef: string; providerRef: string } | null> {
    return tx.testProviderRefund.findUnique({ where: { idempotencyKey }, select: { refundRef: true, providerRef: true } });
  }

  async insertRefund(tx: Tx, refund: { refundRef: string; idempotencyKey: string; providerRef: string; amountMinor: number }): Promise<void> {
    await tx.testProviderRefund.create({ data: refund });
  }

  async insertWebhooks(tx: Tx, webhooks: NewTestWebhook[]): Promise<void> {
    for (const webhook of webhooks) {
      await tx.$executeRawUnsafe(
        `INSERT INTO "payment"."test_provider_webhook" ("id", "provider_ref", "payload", "completes_action", "due_at")
         VALUES ($1, $2, $3, $4, ${NOW} + $5 * interval '1 millisecond')`,
        webhook.id,
        webhook.providerRef,
        webhook.payload,
        webhook.completesAction ?? false,
        webhook.delayMs,
      );
    }
  }

  /**
   * Claims up to `limit` due webhooks for this process: rows another process is claiming are
   * skipped, not waited for (FOR UPDATE SKIP LOCKED). A claim counts as an attempt and moves the
   * row's due time past `leaseMs`, so a process that dies mid-delivery leaves it to be sent again
   * later by any process. A 3-D Secure completion moves its charge to succeeded in the same
   * transaction, unless the charge was canceled first: then the webhook is dropped, not sent.
   */
  async claimDue(limit: number, leaseMs: number, maxAttempts: number): Promise<ClaimedWebhook[]> {
    return this.transaction(async (tx) => {
      const claimed = await tx.$queryRawUnsafe<ClaimedWebhook[]>(
        `WITH due AS (
           SELECT "id" FROM "payment"."test_provider_webhook"
           WHERE "delivered_at" IS NULL AND "attempts" < $2 AND "due_at" <= ${NOW}
           ORDER BY "due_at" LIMIT $1
           FOR UPDATE SKIP LOCKED)
         UPDATE "payment"."test_provider_webhook" AS w
         SET "attempts" = w."attempts" + 1, "due_at" = ${NOW} + $3 * interval '1 millisecond'
         FROM due WHERE w."id" = due."id"
         RETURNING w."id", w."provider_ref" AS "providerRef", w."payload", w."attempts", w."completes_action" AS "completesAction"`,
        limit,
        maxAttempts,
        leaseMs,
      );
      const completions = claimed.filter((webhook) => webhook.completesAction).map((webhook) => webhook.providerRef);
      if (completions.length === 0) return claimed;
      await tx.$executeRawUnsafe(
        `UPDATE "payment"."test_provider_charge" SET "status" = 'succeeded', "client_secret" = NULL, "updated_at" = ${NOW}
         WHERE "provider_ref" = ANY($1::text[]) AND "status" = 'requires_action'`,
        completions,
      );
      const succeeded = new Set(
        (await tx.testProviderCharge.findMany({ where: { providerRef: { in: completions }, status: "succeeded" }, select: { providerRef: true } })).map((c) => c.providerRef),
      );
      const dropped = claimed.filter((webhook) => webhook.completesAction && !succeeded.has(webhook.providerRef)).map((webhook) => webhook.id);
      if (dropped.length) await tx.testProviderWebhook.deleteMany({ where: { id: { in: dropped } } });
      return claimed.filter((webhook) => !dropped.includes(webhook.id));
    });
  }

  async markDelivered(id: string): Promise<void> {
    await this.db.$executeRawUnsafe(`UPDATE "payment"."test_provider_webhook" SET "delivered_at" = ${NOW}, "last_error" = NULL WHERE "id" = $1`, id);
  }

  /** A failed attempt: due again after `retryInMs` (the claim's lease is shortened to that). */
  async markFailed(id: string, error: string, retryInMs: number): Promise<void> {
    await this.db.$executeRawUnsafe(
      `UPDATE "payment"."test_provider_webhook" SET "last_error" = $2, "due_at" = ${NOW} + $3 * interval '1 millisecond' WHERE "id" = $1 AND "delivered_at" IS NULL`,
      id,
      error.slice(0, 500),
      retryInMs,
    );
  }

  /** Milliseconds until the next webhook still to be sent is due (0 if one is due now); null when none is pending. */
  async nextDueInMs(maxAttempts: number): Promise<number | null> {
    const [row] = await this.db.$queryRawUnsafe<{ ms: number | null }[]>(
      `SELECT (EXTRACT(EPOCH FROM (min("due_at") - ${NOW})) * 1000)::float8 AS "ms"
       FROM "payment"."test_provider_webhook" WHERE "delivered_at" IS NULL AND "attempts" < $1`,
      maxAttempts,
    );
    return row?.ms === null || row?.ms === undefined ? null : Math.max(0, Math.ceil(row.ms));
  }
}
