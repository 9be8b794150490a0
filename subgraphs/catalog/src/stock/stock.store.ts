// Reservation persistence: the only code that touches stock_reservation and its lines, and the only
// code that moves a product's stock. Stock moves with conditional UPDATEs: Postgres re-checks the
// condition on the row's latest version under its lock, so concurrent transactions, from any number
// of catalog processes, can never take more units than exist (and CHECKs on product back that up).
import type { CatalogDb, Tx } from "../db.js";

export type { Tx };

export type ReservationStatus = "RESERVED" | "RELEASED" | "COMMITTED";

export interface ReservedLine {
  productId: string;
  /** The product's name and unit price when it was reserved. */
  productName: string;
  unitPriceMinor: number;
  currencyCode: string;
  quantity: number;
}

/** A reserved line as the reservation answers it: with its product's tax category, category and weight, read when asked. */
export interface ReservationLine extends ReservedLine {
  taxCategory: string;
  categoryId: string | null;
  weightGrams: number;
}

export interface Reservation {
  id: string;
  status: ReservationStatus;
  createdAt: Date;
  updatedAt: Date;
  lines: ReservationLine[];
}

/** A product whose units were just held, as it is afterwards. */
export interface HeldProduct {
  name: string;
  priceMinor: number;
  currencyCode: string;
  available: number;
}

const lineFields = { productId: true, productName: true, unitPriceMinor: true, currencyCode: true, quantity: true } as const;
// What checkout prices and ships the order with besides the price: the product's tax category,
// category and weight (the product row is locked against deletion by the line, so it is always there).
const answeredLineFields = { ...lineFields, product: { select: { taxCategory: true, categoryId: true, weightGrams: true } } } as const;

export class StockStore {
  constructor(readonly db: CatalogDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  async find(id: string, tx: Tx | CatalogDb = this.db): Promise<Reservation | null> {
    const row = await tx.stockReservation.findUnique({ where: { id }, include: { lines: { select: answeredLineFields, orderBy: { productId: "asc" } } } });
    return (
      row && {
        ...row,
        status: row.status as ReservationStatus,
        lines: row.lines.map(({ product, ...line }) => ({ ...line, taxCategory: product.taxCategory, categoryId: product.categoryId, weightGrams: product.weightGrams })),
      }
    );
  }

  /**
   * Creates the reservation, RESERVED and without lines yet; false if the id is taken. A concurrent
   * claim of the same id waits on this row until the first transaction ends: it then finds the id
   * taken (commit) or claims it (rollback).
   */
  async claim(tx: Tx, id: string, now: Date): Promise<boolean> {
    const inserted = await tx.$executeRaw`
      INSERT INTO "catalog"."stock_reservation" ("id", "status", "created_at", "updated_at")
      VALUES (${id}, 'RESERVED', ${now}, ${now})
      ON CONFLICT ("id") DO NOTHING`;
    return inserted === 1;
  }

  /**
   * Holds units of several products in two statements whatever the number of lines: the rows are
   * locked in id order first (so concurrent reservations cannot deadlock), then every conditional
   * increment runs as one UPDATE. Returns the products held, by id; a missing one was refused.
   * Few round trips while the row locks are held is what lets many checkouts run at once.
   */
  async holdAll(tx: Tx, lines: { productId: string; quantity: number }[], now: Date): Promise<Map<string, HeldProduct>> {
    const ids = lines.map((line) => line.productId);
    const quantities = lines.map((line) => line.quantity);
    await tx.$queryRaw`SELECT 1 FROM "catalog"."product" WHERE "id" = ANY(${ids}) ORDER BY "id" FOR UPDATE`;
    const rows = await tx.$queryRaw<(HeldProduct & { id: string })[]>`
      UPDATE "catalog"."product" AS p
      SET "stock_reserved" = p."stock_reserved" + v."quantity", "updated_at" = ${now}
      FROM unnest(${ids}::text[], ${quantities}::int[]) AS v("id", "quantity")
      WHERE p."id" = v."id" AND p."status" = 'ACTIVE' AND p."stock_on_hand" - p."stock_reserved" >= v."quantity"
      RETURNING p."id", p."name", p."price_minor" AS "priceMinor", p."currency_code" AS "currencyCode",
                p."stock_on_hand" - p."stock_reserved" AS "available"`;
    return new Map(rows.map(({ id, ...held }) => [id, held]));
  }

  /** A product's status and sellable units, to explain a refused hold; null if there is no such product. */
  async availability(tx: Tx, productId: string): Promise<{ status: string; available: number } | null> {
    const rows = await tx.$queryRaw<{ status: string; available: number }[]>`
      SELECT "status"::text AS "status", "stock_on_hand" - "stock_reserved" AS "available"
      FROM "catalog"."product" WHERE "id" = ${productId}`;
    return rows[0] ?? null;
  }

  async addLines(tx: Tx, reservationId: string, lines: ReservedLine[]): Promise<void> {
    await tx.stockReservationLine.createMany({ data: lines.map((line) => ({ reservationId, ...line })) });
  }

  /**
   * Moves a RESERVED reservation to `to` and returns its lines; null when it is unknown or no longer
   * RESERVED. The UPDATE locks the row, so of two concurrent settles of one reservation the second
   * waits for the first to end and then finds it settled: only one of them ever moves stock.
   */
  async settle(tx: Tx, id: string, to: Exclude<ReservationStatus, "RESERVED">, now: Date): Promise<ReservedLine[] | null> {
    const updated = await tx.$executeRaw`
      UPDATE "catalog"."stock_reservation" SET "status" = ${to}, "updated_at" = ${now}
      WHERE "id" = ${id} AND "status" = 'RESERVED'`;
    if (updated === 0) return null;
    return tx.stockReservationLine.findMany({ where: { reservationId: id }, select: lineFields });
  }

  /** Puts held units back on sale; returns the product's sellable units afterwards. */
  releaseUnits(tx: Tx, productId: string, quantity: number, now: Date): Promise<number> {
    return this.available(
      tx.$queryRaw<{ available: number }[]>`
        UPDATE "catalog"."product" SET "stock_reserved" = "stock_reserved" - ${quantity}::int, "updated_at" = ${now}
        WHERE "id" = ${productId}
        RETURNING "stock_on_hand" - "stock_reserved" AS "available"`,
      productId,
    );
  }

  /** Held units leave the shop (the order was paid); returns the product's sellable units afterwards. */
  shipUnits(tx: Tx, productId: string, quantity: number, now: Date): Promise<number> {
    return this.available(
      tx.$queryRaw<{ available: number }[]>`
        UPDATE "catalog"."product"
        SET "stock_on_hand" = "stock_on_hand" - ${quantity}::int, "stock_reserved" = "stock_reserved" - ${quantity}::int, "updated_at" = ${now}
        WHERE "id" = ${productId}
        RETURNING "stock_on_hand" - "stock_reserved" AS "available"`,
      productId,
    );
  }

  private async available(update: Promise<{ available: number }[]>, productId: string): Promise<number> {
    const [row] = await update;
    // The line's foreign key keeps a reserved product from being deleted, so this means a broken invariant.
    if (!row) throw new Error(`product ${productId} of a reservation line does not exist`);
    return row.available;
  }
}
