// Tax rate persistence for the admin: the only code that writes the tax_rate table.
import { randomUUID } from "node:crypto";
import type { PricingDb } from "../db.js";
import type { TaxRate as TaxRateRow } from "../generated/prisma/client.js";
import type { Tx } from "../db.js";
import type { TaxRateEntry } from "./tax-rate-input.rules.js";

export class TaxRateStore {
  constructor(readonly db: PricingDb) {}

  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
  }

  list(): Promise<TaxRateRow[]> {
    return this.db.taxRate.findMany({ orderBy: [{ countryCode: "asc" }, { provinceCode: "asc" }] });
  }

  /** Creates or replaces the place's entry, in one statement on the unique index of the place. */
  async put(tx: Tx, entry: TaxRateEntry, now: Date): Promise<TaxRateRow> {
    const [row] = await tx.$queryRaw<TaxRateRow[]>`
      INSERT INTO "pricing"."tax_rate" ("id", "country_code", "province_code", "standard_ppm", "reduced_ppm", "zero_ppm", "taxes_shipping", "taxes_services", "updated_at")
      VALUES (${randomUUID()}, ${entry.countryCode}, ${entry.provinceCode}, ${entry.standardPpm}, ${entry.reducedPpm}, ${entry.zeroPpm}, ${entry.taxesShipping}, ${entry.taxesServices}, ${now})
      ON CONFLICT ("country_code", (COALESCE("province_code", ''))) DO UPDATE SET
        "standard_ppm" = EXCLUDED."standard_ppm", "reduced_ppm" = EXCLUDED."reduced_ppm", "zero_ppm" = EXCLUDED."zero_ppm",
        "taxes_shipping" = EXCLUDED."taxes_shipping", "taxes_services" = EXCLUDED."taxes_services", "updated_at" = EXCLUDED."updated_at"
      RETURNING "id", "country_code" AS "countryCode", "province_code" AS "provinceCode", "standard_ppm" AS "standardPpm", "reduced_ppm" AS "reducedPpm",
                "zero_ppm" AS "zeroPpm", "taxes_shipping" AS "taxesShipping", "taxes_services" AS "taxesServices", "updated_at" AS "updatedAt"`;
    return row;
  }
}
