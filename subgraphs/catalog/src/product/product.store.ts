// Product persistence: the catalog's reads of products and an admin's changes to one. (Stock that
// reservations hold and release moves in stock.store.ts.)
import type { CatalogDb, Tx } from "../db.js";
import type { Prisma } from "../generated/prisma/client.js";
import type { ProductRecord, ProductStatus } from "./product.type.js";

export interface ProductListQuery {
  first: number;
  /** Keyset position: the (name, id) of the last product of the previous page. */
  after?: { name: string; id: string };
  search?: string;
  categorySlug?: string;
  includeDiscontinued: boolean;
}

/** What an admin's change checks against, read under the row's lock. */
export interface ProductToChange {
  priceMinor: number;
  currencyCode: string;
  stockReserved: number;
  weightGrams: number;
}

const asRecord = (row: { status: string } & Omit<ProductRecord, "status">): ProductRecord => ({ ...row, status: row.status as ProductStatus });

export class ProductStore {
  constructor(private readonly db: CatalogDb) {}

  /**
   * One query for any number of ids. The hottest query of the system (every product reference of
   * every cart view), so it is plain SQL: Prisma's query building showed in CPU profiles here.
   */
  findByIds(ids: readonly string[]): Promise<ProductRecord[]> {
    return this.db.$queryRaw<ProductRecord[]>`
      SELECT "id", "sku", "name", "description", "price_minor" AS "priceMinor", "currency_code" AS "currencyCode",
             "status"::text AS "status", "stock_on_hand" AS "stockOnHand", "stock_reserved" AS "stockReserved", "category_id" AS "categoryId",
             "tax_category"::text AS "taxCategory", "weight_grams" AS "weightGrams"
      FROM "catalog"."product" WHERE "id" = ANY(${[...ids]})`;
  }

  async list(query: ProductListQuery): Promise<{ rows: ProductRecord[]; totalCount: number; hasNextPage: boolean }> {
    const filter: Prisma.ProductWhereInput = {
      ...(query.includeDiscontinued ? {} : { status: "ACTIVE" }),
      ...(query.categorySlug ? { category: { slug: query.categorySlug } } : {}),
      ...(query.search
        ? { OR: [{ name: { contains: query.search, mode: "insensitive" } }, { sku: { equals: query.search, mode: "insensitive" } }] }
        : {}),
    };
    const page: Prisma.ProductWhereInput = query.after
      ? { OR: [{ name: { gt: query.after.name } }, { name: query.after.name, id: { gt: query.after.id } }] }
      : {};
    const [rows, totalCount] = await Promise.all([
      this.db.product.findMany({ where: { AND: [filter, page] }, orderBy: [{ name: "asc" }, { id: "asc" }], take: query.first + 1 }),
      this.db.product.count({ where: filter }),
    ]);
    return { rows: rows.slice(0, query.first).map(asRecord), totalCount, hasNextPage: rows.length > query.first };
  }

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work);
  }

  /**
   * Locks the product's row until the transaction ends, so concurrent changes to one product apply
   * one after another (and a reservation waits for them); null if there is no such product.
   */
  async lockForChange(tx: Tx, id: string): Promise<ProductToChange | null> {
    const [row] = await tx.$queryRaw<ProductToChange[]>`
      SELECT "price_minor" AS "priceMinor", "currency_code" AS "currencyCode", "stock_reserved" AS "stockReserved", "weight_grams" AS "weightGrams"
      FROM "catalog"."product" WHERE "id" = ${id} FOR UPDATE`;
    return row ?? null;
  }

  async setPrice(tx: Tx, id: string, priceMinor: number, now: Date): Promise<ProductRecord> {
    return asRecord(await tx.product.update({ where: { id }, data: { priceMinor, updatedAt: now } }));
  }

  async setWeight(tx: Tx, id: string, weightGrams: number, now: Date): Promise<ProductRecord> {
    return asRecord(await tx.product.update({ where: { id }, data: { weightGrams, updatedAt: now } }));
  }

  async setStockOnHand(tx: Tx, id: string, stockOnHand: number, now: Date): Promise<ProductRecord> {
    return asRecord(await tx.product.update({ where: { id }, data: { stockOnHand, updatedAt: now } }));
  }
}
