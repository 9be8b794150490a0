// Service offer persistence: the offers, and which categories' products the FOR_LINE ones go with.
// Reads only: offers are written by the seed (prisma/catalog/seed.ts, from services.rules.yaml).
import type { CatalogDb } from "../db.js";
import { Prisma } from "../generated/prisma/client.js";
import type { OfferWithCategories } from "./service-offer.rules.js";
import type { ServiceOfferRecord } from "./service-offer.type.js";

const COLUMNS = Prisma.raw(`o."id", o."title", o."description", o."kind"::text AS "kind", o."price_minor" AS "priceMinor",
  o."currency_code" AS "currencyCode", o."active"`);

export class ServiceOfferStore {
  constructor(private readonly db: CatalogDb) {}

  /** Offers by id, offered or not: a cart may still refer to one that was withdrawn. */
  findByIds(ids: readonly string[]): Promise<ServiceOfferRecord[]> {
    return this.db.$queryRaw<ServiceOfferRecord[]>`SELECT ${COLUMNS} FROM "catalog"."service_offer" o WHERE o."id" = ANY(${[...ids]})`;
  }

  /**
   * The active FOR_LINE offers of any number of categories, in one query: each row names the
   * category it was found for (an offer sold with two of them comes twice). By title.
   */
  forLineOfCategories(categoryIds: readonly string[]): Promise<(ServiceOfferRecord & { categoryId: string })[]> {
    return this.db.$queryRaw`
      SELECT ${COLUMNS}, c."category_id" AS "categoryId"
      FROM "catalog"."service_offer_category" c JOIN "catalog"."service_offer" o ON o."id" = c."service_offer_id"
      WHERE c."category_id" = ANY(${[...categoryIds]}) AND o."active" AND o."kind" = 'FOR_LINE'
      ORDER BY o."title", o."id"`;
  }

  /** The active STANDALONE offers, by title. */
  standalone(): Promise<ServiceOfferRecord[]> {
    return this.db.$queryRaw`
      SELECT ${COLUMNS} FROM "catalog"."service_offer" o WHERE o."active" AND o."kind" = 'STANDALONE' ORDER BY o."title", o."id"`;
  }

  /** One offer, offered or not, with the categories it is sold with; null if there is none. */
  async withCategories(id: string): Promise<OfferWithCategories | null> {
    const [row] = await this.db.$queryRaw<OfferWithCategories[]>`
      SELECT ${COLUMNS},
             COALESCE(array_agg(c."category_id") FILTER (WHERE c."category_id" IS NOT NULL), '{}') AS "categoryIds"
      FROM "catalog"."service_offer" o LEFT JOIN "catalog"."service_offer_category" c ON c."service_offer_id" = o."id"
      WHERE o."id" = ${id} GROUP BY o."id"`;
    return row ?? null;
  }
}
