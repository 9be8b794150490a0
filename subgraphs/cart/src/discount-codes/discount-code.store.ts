// Persistence of the codes a cart holds (table cart_discount_code), and nothing else. Codes are
// matched case-insensitively by Postgres alone: the key is always lower(code) computed in SQL, so
// the check, the unique key and every lookup agree on what "the same code" is. Writes run inside
// a cart change's transaction, after the cart row was locked (CartStore.lockActiveCarts), so
// positions are handed out one writer at a time.
import type { CartDb } from "../db.js";
import type { Tx } from "../cart/cart.store.js";

export interface HeldCodeRow {
  cartId: string;
  /** As the shopper entered it. */
  code: string;
  /** lower(code), from Postgres. */
  codeKey: string;
  position: number;
}

const select = { cartId: true, code: true, codeKey: true, position: true } as const;

export class DiscountCodeStore {
  constructor(private readonly db: CartDb) {}

  /** The cart's codes in entry order. */
  codesOf(cartId: string, tx: Tx | CartDb = this.db): Promise<HeldCodeRow[]> {
    return tx.cartDiscountCode.findMany({ where: { cartId }, orderBy: { position: "asc" }, select });
  }

  /** The codes of several carts in one query, each cart's in entry order (the request's loader). */
  codesOfCarts(cartIds: readonly string[]): Promise<HeldCodeRow[]> {
    return this.db.cartDiscountCode.findMany({ where: { cartId: { in: [...cartIds] } }, orderBy: [{ cartId: "asc" }, { position: "asc" }], select });
  }

  /** The held code that matches `code` in any case, or null. */
  async heldCode(cartId: string, code: string, tx: Tx | CartDb = this.db): Promise<HeldCodeRow | null> {
    const [row] = await tx.$queryRaw<HeldCodeRow[]>`
      SELECT "cart_id" AS "cartId", "code", "code_key" AS "codeKey", "position" FROM "cart"."cart_discount_code"
      WHERE "cart_id" = ${cartId} AND "code_key" = lower(${code}::text)`;
    return row ?? null;
  }

  /**
   * Appends `code` after the cart's last code unless the cart already holds it in some case.
   * Returns whether it was added.
   */
  async add(tx: Tx, cartId: string, code: string, now: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO "cart"."cart_discount_code" ("cart_id", "code", "code_key", "position", "added_at")
      SELECT ${cartId}::text, ${code}::text, lower(${code}::text), COALESCE(MAX("position"), 0) + 1, ${now}::timestamp(3)
      FROM "cart"."cart_discount_code" WHERE "cart_id" = ${cartId}
      ON CONFLICT ("cart_id", "code_key") DO NOTHING`;
    return inserted > 0;
  }

  /** Removes the held code matching `code` in any case; returns it as it was held, or null. */
  async remove(tx: Tx, cartId: string, code: string): Promise<string | null> {
    const [row] = await tx.$queryRaw<{ code: string }[]>`
      DELETE FROM "cart"."cart_discount_code" WHERE "cart_id" = ${cartId} AND "code_key" = lower(${code}::text) RETURNING "code"`;
    return row?.code ?? null;
  }
}
