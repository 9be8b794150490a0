// Cart persistence: the only code that touches the cart and cart_line tables. Every change runs in
// a transaction that first locks the cart row (SELECT ... FOR UPDATE), so concurrent changes to one
// cart, from any number of cart processes, apply one after another and no update is lost.
import type { CartDb } from "../db.js";
import { nextCartId } from "./cart-id.rules.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ShippingAddress } from "../choices/address.rules.js";
import type { ShippingSelection } from "../choices/shipping-selection.rules.js";

export type CartStatusValue = "ACTIVE" | "MERGED" | "CHECKED_OUT";

export interface CartRow {
  id: string;
  ownerId: string;
  status: CartStatusValue;
  updatedAt: Date;
  lastActivityAt: Date;
  abandonedAt: Date | null;
  version: number;
  /** The shopper's choices (choices/): read with the cart, so a cart view is still one query. */
  email: string | null;
  /** The normalised address as stored; read it with storedAddress (choices/address.rules.ts). */
  shippingAddress: Prisma.JsonValue | null;
  shippingOptionId: string | null;
  /** A calendar day, at 00:00 UTC. */
  deliveryDate: Date | null;
  shippingAddOnIds: string[];
}

/** Choices a change writes; a field left out stays as it is. */
export interface ChoicesWrite {
  email?: string;
  shippingAddress?: ShippingAddress;
  /** null: the cart holds no selection any more. */
  shippingSelection?: ShippingSelection | null;
}

export interface CartLineRow {
  id: string;
  cartId: string;
  productId: string;
  quantity: number;
  /** Set while the line is saved for later. */
  savedAt: Date | null;
}

export type Tx = Prisma.TransactionClient;

export interface CartsToRead {
  /** The owner's active cart and, when asked for, its merged one, each with all its lines. */
  carts: { cart: CartRow; lines: CartLineRow[] }[];
  /** The owner's latest cart in any status, from which its next cart's id follows; null if it never had one. */
  latestCartId: string | null;
}

/** A line as the read's JSON carries it (a timestamp as text). */
type StoredLine = Omit<CartLineRow, "savedAt"> & { savedAt: string | null };

const lineOrder = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.CartLineOrderByWithRelationInput[];

export class CartStore {
  constructor(
    private readonly db: CartDb,
    /** Told when activeCart created a cart (metrics). */
    private readonly cartCreated: () => void = () => {},
  ) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  /**
   * The owner's active cart, created on first use with the id an empty read answered
   * (`nextCartId`). Concurrent first uses derive the same id and converge on one row.
   */
  async activeCart(ownerId: string, now: Date, tx: Tx | CartDb = this.db): Promise<CartRow> {
    const existing = await this.existingActiveCart(ownerId, tx);
    if (existing) return existing;
    const id = await this.nextCartIdOf(ownerId, tx);
    // Either conflict (the same derived id, or another active cart of the owner) means a
    // concurrent first use won: its row is the one to use.
    const inserted = await tx.$executeRaw`
      INSERT INTO "cart"."cart" ("id", "owner_id", "created_at", "updated_at", "last_activity_at")
      VALUES (${id}, ${ownerId}, ${now}, ${now}, ${now})
      ON CONFLICT DO NOTHING`;
    // Told at the insert: a caller's transaction that then rolls back (a refused first change) has
    // still been counted.
    if (inserted > 0) this.cartCreated();
    return (await this.existingActiveCart(ownerId, tx))!;
  }

  /** The id the owner's next cart gets: derived from the owner's latest cart, if any. */
  private async nextCartIdOf(ownerId: string, tx: Tx | CartDb = this.db): Promise<string> {
    const latest = await tx.cart.findFirst({ where: { ownerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    return nextCartId(ownerId, latest?.id ?? null);
  }

  /** In one query, what a read of the owner's cart chooses from (see CartsToRead). */
  async cartsToRead(ownerId: string, includeMerged: boolean): Promise<CartsToRead> {
    // Plain SQL, one round trip: this runs on every cart view. The first join always yields a row:
    // with no readable cart, a single row whose cart columns are NULL carries the latest cart's id.
    const rows = await this.db.$queryRaw<(CartRow & { lines: StoredLine[]; latestCartId: string | null })[]>`
      SELECT latest."id" AS "latestCartId",
             c."id", c."owner_id" AS "ownerId", c."status"::text AS "status", c."updated_at" AS "updatedAt",
             c."last_activity_at" AS "lastActivityAt", c."abandoned_at" AS "abandonedAt", c."version",
             c."email", c."shipping_address" AS "shippingAddress", c."shipping_option_id" AS "shippingOptionId",
             c."delivery_date" AS "deliveryDate", c."shipping_add_on_ids" AS "shippingAddOnIds",
             COALESCE((SELECT json_agg(json_build_object('id', l."id", 'cartId', l."cart_id", 'productId', l."product_id",
                                                        'quantity', l."quantity", 'savedAt', l."saved_at")
                                    ORDER BY l."created_at", l."id")
                       FROM "cart"."cart_line" l WHERE l."cart_id" = c."id"), '[]'::json) AS "lines"
      FROM (SELECT 1) AS "owner"
      LEFT JOIN (SELECT "id" FROM "cart"."cart" WHERE "owner_id" = ${ownerId} ORDER BY "created_at" DESC, "id" DESC LIMIT 1) AS latest ON TRUE
      LEFT JOIN "cart"."cart" c
        ON c."owner_id" = ${ownerId} AND (c."status" = 'ACTIVE' OR (${includeMerged} AND c."status" = 'MERGED'))`;
    const carts = rows
      .filter((row) => row.id !== null)
      .map(({ lines, latestCartId: _, ...cart }) => ({ cart, lines: lines.map((line) => ({ ...line, savedAt: line.savedAt ? new Date(line.savedAt) : null })) }));
    return { carts, latestCartId: rows[0]?.latestCartId ?? null };
  }

  existingActiveCart(ownerId: string, tx: Tx | CartDb = this.db): Promise<CartRow | null> {
    return tx.cart.findFirst({ where: { ownerId, status: "ACTIVE" } });
  }

  /** A guest's cart once merged: its presence retires the guest identity's cart for good. */
  mergedCartOf(ownerId: string, tx: Tx | CartDb = this.db): Promise<CartRow | null> {
    return tx.cart.findFirst({ where: { ownerId, status: "MERGED" } });
  }

  /**
   * The owners' active carts (created on first use), locked until the transaction ends, in the
   * owners' order. A cart read as active can be closed by a checkout while this waits for its
   * lock; the owner's active cart is then a new one, so the lookup starts again.
   */
  async lockActiveCarts(tx: Tx, ownerIds: string[], now: Date): Promise<CartRow[]> {
    for (let attempt = 1; ; attempt++) {
      const carts: CartRow[] = [];
      for (const ownerId of ownerIds) carts.push(await this.activeCart(ownerId, now, tx));
      await this.lock(tx, carts.map((cart) => cart.id));
      const locked = await tx.cart.findMany({ where: { id: { in: carts.map((cart) => cart.id) } } });
      if (locked.every((cart) => cart.status === "ACTIVE")) return carts.map((cart) => locked.find((row) => row.id === cart.id)!);
      // Each retry follows a checkout that committed meanwhile; more than a few in a row is a bug.
      if (attempt === 5) throw new Error(`the active cart of ${ownerIds.join(", ")} kept closing while it was being locked`);
    }
  }

  /** Locks carts until the transaction ends, always in id order so two lockers cannot deadlock. */
  async lock(tx: Tx, cartIds: string[]): Promise<void> {
    for (const id of [...new Set(cartIds)].sort()) await tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${id} FOR UPDATE`;
  }

  /** Every line of a cart, in the cart and saved for later, oldest first. */
  allLinesOf(cartId: string, tx: Tx | CartDb = this.db): Promise<CartLineRow[]> {
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

  /** Sets a line's quantity and whether it is saved for later, creating the line if needed. */
  async putLine(tx: Tx, cartId: string, productId: string, quantity: number, savedAt: Date | null, now: Date): Promise<void> {
    await tx.cartLine.upsert({
      where: { cartId_productId: { cartId, productId } },
      create: { cartId, productId, quantity, savedAt, createdAt: now, updatedAt: now },
      update: { quantity, savedAt, updatedAt: now },
    });
  }

  async removeLines(tx: Tx, cartId: string, productIds: string[]): Promise<void> {
    if (productIds.length) await tx.cartLine.deleteMany({ where: { cartId, productId: { in: productIds } } });
  }

  /** Records activity by the owner (clears the abandoned flag), with the choices the change sets. */
  touch(tx: Tx, cartId: string, now: Date, choices: ChoicesWrite = {}): Promise<CartRow> {
    return tx.cart.update({ where: { id: cartId }, data: { updatedAt: now, lastActivityAt: now, abandonedAt: null, version: { increment: 1 }, ...choiceColumns(choices) } });
  }

  async setStatus(tx: Tx, cartId: string, status: CartStatusValue, now: Date): Promise<void> {
    await tx.cart.update({ where: { id: cartId }, data: { status, updatedAt: now } });
  }

  /**
   * Closes the cart for an order, but only at the version the order was made from: a cart its
   * owner changed since checkout is left alone. Returns whether it was closed.
   */
  async checkOut(tx: Tx, cartId: string, version: number, now: Date): Promise<boolean> {
    const { count } = await tx.cart.updateMany({ where: { id: cartId, status: "ACTIVE", version }, data: { status: "CHECKED_OUT", updatedAt: now } });
    return count === 1;
  }

  /** The latest cart of an owner, in any status (what support looks up). */
  latestCartOf(ownerId: string): Promise<CartRow | null> {
    return this.db.cart.findFirst({ where: { ownerId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  }
}

/** The cart's columns for `choices`. A delivery day is stored as a date (its 00:00 UTC instant to Prisma). */
function choiceColumns({ email, shippingAddress, shippingSelection }: ChoicesWrite): Prisma.CartUpdateInput {
  const columns: Prisma.CartUpdateInput = {};
  if (email !== undefined) columns.email = email;
  if (shippingAddress !== undefined) columns.shippingAddress = { ...shippingAddress };
  if (shippingSelection !== undefined) {
    columns.shippingOptionId = shippingSelection?.optionId ?? null;
    columns.deliveryDate = shippingSelection?.deliveryDate ? new Date(`${shippingSelection.deliveryDate}T00:00:00.000Z`) : null;
    columns.shippingAddOnIds = shippingSelection?.addOnIds ?? [];
  }
  return columns;
}
