// Promotion persistence for the admin: the only code that writes the promotion table. Writes run in
// the caller's transaction, which also appends their PromotionChanged event.
import type { PricingDb } from "../db.js";
import type { Promotion as PromotionRow } from "../generated/prisma/client.js";
import type { Promotion } from "../quote/index.js";
import { promotionColumns } from "../pricing-rules/pricing-rules.mapping.js";
import type { Tx } from "../db.js";

export class PromotionStore {
  constructor(readonly db: PricingDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  /** Every promotion, active or not, by priority then oldest first. */
  list(): Promise<PromotionRow[]> {
    return this.db.promotion.findMany({ orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }] });
  }

  /** Locks the row, so concurrent changes of one promotion apply one after another. */
  async lock(tx: Tx, id: string): Promise<PromotionRow | null> {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "pricing"."promotion" WHERE "id" = ${id} FOR UPDATE`;
    return row ? tx.promotion.findUnique({ where: { id } }) : null;
  }

  /** Another promotion holding this code in any case; the unique index on lower(code) backs it up. */
  async codeHolder(tx: Tx, code: string, exceptId: string | null): Promise<string | null> {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "pricing"."promotion" WHERE lower("code") = lower(${code}) AND "id" IS DISTINCT FROM ${exceptId}`;
    return row?.id ?? null;
  }

  create(tx: Tx, promotion: Omit<Promotion, "id">, now: Date): Promise<PromotionRow> {
    return tx.promotion.create({ data: { ...promotionColumns(promotion), createdAt: now, updatedAt: now } });
  }

  /** Replaces every rule field and increments the version. */
  replace(tx: Tx, id: string, promotion: Omit<Promotion, "id">, now: Date): Promise<PromotionRow> {
    return tx.promotion.update({ where: { id }, data: { ...promotionColumns(promotion), version: { increment: 1 }, updatedAt: now } });
  }

  setActive(tx: Tx, id: string, active: boolean, now: Date): Promise<PromotionRow> {
    return tx.promotion.update({ where: { id }, data: { active, version: { increment: 1 }, updatedAt: now } });
  }
}
