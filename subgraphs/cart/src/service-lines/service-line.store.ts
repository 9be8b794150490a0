// Persistence of the services a cart holds (table cart_service_line), and nothing else. Writes run
// inside a cart change's transaction, after the cart row was locked; a service is held once per
// line and a standalone one once per cart, which the unique indexes decide (ON CONFLICT), whoever
// writes.
import { randomUUID } from "node:crypto";
import type { CartDb } from "../db.js";
import type { Tx } from "../cart/cart.store.js";

export interface ServiceLineRow {
  id: string;
  cartId: string;
  /** The catalog's ServiceOffer id. */
  serviceId: string;
  /** The cart line it goes with; null for a standalone service. */
  lineId: string | null;
  createdAt: Date;
}

/** A service line as it is read for the cart: with its line's quantity (null for a standalone one). */
export interface ServiceLineRead extends ServiceLineRow {
  lineQuantity: number | null;
}

export class ServiceLineStore {
  constructor(private readonly db: CartDb) {}

  /** The service lines of any number of carts in one query, oldest first, each with its line's quantity. */
  serviceLinesOfCarts(cartIds: readonly string[]): Promise<ServiceLineRead[]> {
    return this.db.$queryRaw<ServiceLineRead[]>`
      SELECT s."id", s."cart_id" AS "cartId", s."service_id" AS "serviceId", s."line_id" AS "lineId", s."created_at" AS "createdAt",
             l."quantity" AS "lineQuantity"
      FROM "cart"."cart_service_line" s LEFT JOIN "cart"."cart_line" l ON l."id" = s."line_id"
      WHERE s."cart_id" = ANY(${[...cartIds]})
      ORDER BY s."created_at", s."id"`;
  }

  /** Service lines by id in one query, with their line's quantity and their cart's owner (references). */
  byIds(ids: readonly string[]): Promise<(ServiceLineRead & { ownerId: string })[]> {
    return this.db.$queryRaw`
      SELECT s."id", s."cart_id" AS "cartId", s."service_id" AS "serviceId", s."line_id" AS "lineId", s."created_at" AS "createdAt",
             l."quantity" AS "lineQuantity", c."owner_id" AS "ownerId"
      FROM "cart"."cart_service_line" s JOIN "cart"."cart" c ON c."id" = s."cart_id" LEFT JOIN "cart"."cart_line" l ON l."id" = s."line_id"
      WHERE s."id" = ANY(${[...ids]})`;
  }

  /** A cart's service lines, oldest first. */
  serviceLinesOf(cartId: string, tx: Tx | CartDb = this.db): Promise<ServiceLineRow[]> {
    return tx.cartServiceLine.findMany({ where: { cartId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  }

  /** Adds the service to the line (or to the cart, lineId null); null when it is there already. */
  async add(tx: Tx, cartId: string, serviceId: string, lineId: string | null, now: Date): Promise<ServiceLineRow | null> {
    // No conflict target: either unique index (per line, or standalone per cart) makes it a no-op.
    const [row] = await tx.$queryRaw<ServiceLineRow[]>`
      INSERT INTO "cart"."cart_service_line" ("id", "cart_id", "service_id", "line_id", "created_at")
      VALUES (${randomUUID()}, ${cartId}, ${serviceId}, ${lineId}, ${now}::timestamp(3))
      ON CONFLICT DO NOTHING
      RETURNING "id", "cart_id" AS "cartId", "service_id" AS "serviceId", "line_id" AS "lineId", "created_at" AS "createdAt"`;
    return row ?? null;
  }

  /** Removes one of the cart's service lines; returns it, or null when the cart has none with that id. */
  async remove(tx: Tx, cartId: string, serviceLineId: string): Promise<ServiceLineRow | null> {
    const [row] = await tx.$queryRaw<ServiceLineRow[]>`
      DELETE FROM "cart"."cart_service_line" WHERE "cart_id" = ${cartId} AND "id" = ${serviceLineId}
      RETURNING "id", "cart_id" AS "cartId", "service_id" AS "serviceId", "line_id" AS "lineId", "created_at" AS "createdAt"`;
    return row ?? null;
  }

  /** Removes the services of the given lines of a cart; returns what was removed. */
  async removeOfLines(tx: Tx, cartId: string, lineIds: string[]): Promise<ServiceLineRow[]> {
    if (lineIds.length === 0) return [];
    return tx.$queryRaw<ServiceLineRow[]>`
      DELETE FROM "cart"."cart_service_line" WHERE "cart_id" = ${cartId} AND "line_id" = ANY(${lineIds})
      RETURNING "id", "cart_id" AS "cartId", "service_id" AS "serviceId", "line_id" AS "lineId", "created_at" AS "createdAt"`;
  }
}
