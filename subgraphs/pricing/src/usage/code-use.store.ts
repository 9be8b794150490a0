// Code use persistence: the only code that touches code_use. A use is keyed by (promotion,
// reservation) and only ever leaves RESERVED, once, by a conditional update: so confirming or
// releasing a reservation twice, from any number of processes, changes it once.
import type { PricingDb } from "../db.js";
import type { Tx } from "../db.js";

export type CodeUseStatus = "RESERVED" | "CONFIRMED" | "RELEASED";

/** A promotion with a code, as a reservation needs it, read under its row lock. */
export interface LockedPromotion {
  id: string;
  code: string;
  active: boolean;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
}

export interface UseCounts {
  /** RESERVED and CONFIRMED uses of the promotion. */
  total: number;
  /** Of those, the customer's (0 without a customer). */
  customer: number;
}

export class CodeUseStore {
  constructor(readonly db: PricingDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  /**
   * The promotions holding these codes (any case), locked in id order, so concurrent reservations
   * of one code take turns and reservations of several codes cannot deadlock.
   */
  lockByCodes(tx: Tx, codes: readonly string[]): Promise<LockedPromotion[]> {
    const lowered = codes.map((code) => code.trim().toLowerCase());
    return tx.$queryRaw<LockedPromotion[]>`
      SELECT "id", "code", "active", "starts_at" AS "startsAt", "ends_at" AS "endsAt",
             "usage_limit" AS "usageLimit", "per_customer_limit" AS "perCustomerLimit"
      FROM "pricing"."promotion" WHERE lower("code") = ANY(${lowered}) ORDER BY "id" FOR UPDATE`;
  }

  async counts(promotionId: string, customerKey: string | null, tx: Tx | PricingDb = this.db): Promise<UseCounts> {
    const [row] = await tx.$queryRaw<UseCounts[]>`
      SELECT count(*)::int AS "total", count(*) FILTER (WHERE "customer_key" = ${customerKey})::int AS "customer"
      FROM "pricing"."code_use" WHERE "promotion_id" = ${promotionId} AND "status" IN ('RESERVED', 'CONFIRMED')`;
    return row ?? { total: 0, customer: 0 };
  }

  async reservationExists(tx: Tx, reservationId: string): Promise<boolean> {
    return (await tx.codeUse.count({ where: { reservationId } })) > 0;
  }

  async reserve(tx: Tx, reservationId: string, promotionIds: string[], customerKey: string | null, now: Date): Promise<void> {
    await tx.codeUse.createMany({ data: promotionIds.map((promotionId) => ({ promotionId, reservationId, customerKey, status: "RESERVED", createdAt: now, updatedAt: now })) });
  }

  /** RESERVED -> `to` for every use of the reservation; how many changed (0 when none was RESERVED). */
  settle(tx: Tx | PricingDb, reservationId: string, to: Exclude<CodeUseStatus, "RESERVED">, now: Date): Promise<number> {
    return tx.$executeRaw`
      UPDATE "pricing"."code_use" SET "status" = ${to}, "updated_at" = ${now}
      WHERE "reservation_id" = ${reservationId} AND "status" = 'RESERVED'`;
  }
}
