// Cart persistence: the only code that touches the cart and cart_line tables. Every change runs in
// a transaction that first locks the owner's active cart row, so concurrent changes to one cart
// (from any number of cart processes) apply one after another and no update is lost.
import type { CartDb } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";

export type CartStatusValue = "ACTIVE" | "MERGED" | "CHECKED_OUT";

export interface CartRow {
  id: string;
  ownerId: string;
  status: CartStatusValue;
  updatedAt: Date;
}

export interface CartLineRow {
  id: string;
  cartId: string;
  productId: string;
  quantity: number;
}

export type Tx = Prisma.TransactionClient;

const lineOrder = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.CartLineOrderByWithRelationInput[];

export class CartStore {
  constructor(private readonly db: CartDb) {}

  /** The owner's active cart, created on first use. Concurrent first uses converge on one row. */
  async activeCart(ownerId: string, tx: Tx | CartDb = this.db): Promise<CartRow> {
    await tx.$executeRaw`
      INSERT INTO "cart"."cart" ("id", "owner_id") VALUES (gen_random_uuid()::text, ${ownerId})
      ON CONFLICT ("owner_id") WHERE "status" = 'ACTIVE' DO NOTHING`;
    const cart = await tx.cart.findFirst({ where: { ownerId, status: "ACTIVE" } });
    return cart!;
  }

  /**
   * Runs `change` on the owner's active cart, locked (SELECT ... FOR UPDATE) until the transaction
   * ends. If `change` throws, nothing it did is kept.
   */
  async changeActiveCart<T>(ownerId: string, change: (tx: Tx, cart: CartRow) => Promise<T>): Promise<T> {
    return this.transaction(async (tx) => {
      const cart = await this.activeCart(ownerId, tx);
      await this.lock(tx, [cart.id]);
      return change(tx, cart);
    });
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 5000, timeout: 10_000 });
  }

  /** Locks carts until the transaction ends, always in id order so two lockers cannot deadlock. */
  async lock(tx: Tx, cartIds: string[]): Promise<void> {
    for (const id of [...cartIds].sort()) await tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${id} FOR UPDATE`;
  }

  /** A guest's cart once merged: its presence retires the guest identity's cart for good. */
  mergedCartOf(ownerId: string, tx: Tx | CartDb = this.db): Promise<CartRow | null> {
    return tx.cart.findFirst({ where: { ownerId, status: "MERGED" } });
  }

  existingActiveCart(ownerId: string, tx: Tx | CartDb = this.db): Promise<CartRow | null> {
    return tx.cart.findFirst({ where: { ownerId, status: "ACTIVE" } });
  }

  async setStatus(tx: Tx, cartId: string, status: CartStatusValue): Promise<void> {
    await tx.cart.update({ where: { id: cartId }, data: { status, updatedAt: new Date() } });
  }

  linesOf(cartId: string, tx: Tx | CartDb = this.db): Promise<CartLineRow[]> {
    return tx.cartLine.findMany({ where: { cartId }, orderBy: lineOrder });
  }

  linesOfCarts(cartIds: readonly string[]): Promise<CartLineRow[]> {
    return this.db.cartLine.findMany({ where: { cartId: { in: [...cartIds] } }, orderBy: lineOrder });
  }

  cartsByIds(ids: readonly string[]): Promise<CartRow[]> {
    return this.db.cart.findMany({ where: { id: { in: [...ids] } } });
  }

  linesByIds(ids: readonly string[]): Promise<(CartLineRow & { cart: { ownerId: string } })[]> {
    return this.db.cartLine.findMany({ where: { id: { in: [...ids] } }, include: { cart: { select: { ownerId: true } } } });
  }

  async setLineQuantity(tx: Tx, cartId: string, productId: string, quantity: number): Promise<void> {
    await tx.cartLine.upsert({
      where: { cartId_productId: { cartId, productId } },
      create: { cartId, productId, quantity },
      update: { quantity, updatedAt: new Date() },
    });
  }

  async removeLine(tx: Tx, cartId: string, productId: string): Promise<void> {
    await tx.cartLine.deleteMany({ where: { cartId, productId } });
  }

  async removeAllLines(tx: Tx, cartId: string): Promise<void> {
    await tx.cartLine.deleteMany({ where: { cartId } });
  }

  async touch(tx: Tx, cartId: string): Promise<CartRow> {
    return tx.cart.update({ where: { id: cartId }, data: { updatedAt: new Date() } });
  }
}
