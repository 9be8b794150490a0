// The SQL of cart housekeeping: set-based, and safe to run from several cart processes at once.
import type { CartDb } from "../db.js";
import type { Tx } from "../cart/cart.store.js";

export interface FlaggedCart {
  id: string;
  ownerId: string;
  lastActivityAt: Date;
}

export class HousekeepingStore {
  constructor(private readonly db: CartDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work);
  }

  /**
   * Flags the given carts abandoned if Postgres agrees they are: still active, not flagged yet,
   * idle since the cutoff, and holding at least one line. The conditional UPDATE is what makes
   * the flag (and so its event) happen once, whichever process gets there first.
   */
  flagAbandoned(tx: Tx, cartIds: string[], cutoff: Date, now: Date): Promise<FlaggedCart[]> {
    return tx.$queryRaw<FlaggedCart[]>`
      UPDATE "cart"."cart" AS c SET "abandoned_at" = ${now}
      WHERE c."id" = ANY(${cartIds}) AND c."status" = 'ACTIVE' AND c."abandoned_at" IS NULL
        AND c."last_activity_at" <= ${cutoff}
        AND EXISTS (SELECT 1 FROM "cart"."cart_line" l WHERE l."cart_id" = c."id" AND l."saved_at" IS NULL)
      RETURNING c."id", c."owner_id" AS "ownerId", c."last_activity_at" AS "lastActivityAt"`;
  }

  linesOf(tx: Tx, cartIds: string[]) {
    return tx.cartLine.findMany({ where: { cartId: { in: cartIds }, savedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  /** The true last activity of carts still worth watching (active and not flagged). */
  watched(cartIds: string[]): Promise<{ id: string; lastActivityAt: Date }[]> {
    return this.db.cart.findMany({
      where: { id: { in: cartIds }, status: "ACTIVE", abandonedAt: null },
      select: { id: true, lastActivityAt: true },
    });
  }

  /** Without the index: active, unflagged carts idle since the cutoff, straight from Postgres. */
  async idleSince(cutoff: Date, limit: number): Promise<string[]> {
    const rows = await this.db.cart.findMany({
      where: { status: "ACTIVE", abandonedAt: null, lastActivityAt: { lte: cutoff } },
      select: { id: true },
      orderBy: { lastActivityAt: "asc" },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  /** Every cart worth watching, to rebuild a lost index. */
  allWatched(after: string | null, limit: number): Promise<{ id: string; lastActivityAt: Date }[]> {
    return this.db.cart.findMany({
      where: { status: "ACTIVE", abandonedAt: null, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, lastActivityAt: true },
      orderBy: { id: "asc" },
      take: limit,
    });
  }

  /** Deletes guest carts (any status) idle since the cutoff; their lines go with them. */
  async deleteIdleGuestCarts(cutoff: Date): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      DELETE FROM "cart"."cart" WHERE "owner_id" LIKE 'guest:%' AND "last_activity_at" <= ${cutoff} RETURNING "id"`;
    return rows.map((row) => row.id);
  }
}
