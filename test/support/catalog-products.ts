// Products a test creates for itself in the catalog (through the catalog's own database), so it
// can count on their stock without touching the shared demo seed.
import { randomUUID } from "node:crypto";
import type { CatalogDb } from "../../subgraphs/catalog/src/db.js";

export async function createProducts(
  db: CatalogDb,
  count: number,
  options: { stock?: number; priceMinor?: number; currencyCode?: string; categoryId?: string; weightGrams?: number } = {},
): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    sku: `TEST-${tag}-${i}`,
    name: `Test product ${tag} ${String(i).padStart(3, "0")}`,
    priceMinor: options.priceMinor ?? 1000,
    stockOnHand: options.stock ?? 1000,
    ...(options.currencyCode ? { currencyCode: options.currencyCode } : {}),
    ...(options.categoryId ? { categoryId: options.categoryId } : {}),
    ...(options.weightGrams !== undefined ? { weightGrams: options.weightGrams } : {}),
  }));
  await db.product.createMany({ data: rows });
  return rows.map((row) => row.id);
}
