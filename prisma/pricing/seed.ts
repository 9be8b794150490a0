// Demo pricing seed: the tax rates of the places the demo shop sells to, and a handful of
// promotions that show each kind against the demo catalog. Rows are matched by place and by a
// fixed id, so re-running it puts them back as this file says and touches nothing else (promotions
// created by hand or by tests, and every code use, survive it). Each row it writes publishes its
// change event, so running pricing processes reload their rules at once.
//
// Tax rates (parts per million; kept simple on purpose, local and product-specific rules aside):
//   US, by state (no US-wide entry, so a state not listed is not taxed: the shop collects only where
//   it is registered): CA 7.25% (shipping not taxed when stated separately), NY 4% state rate (local
//   rates such as New York City's 8.875% need a finer place than a state), TX 6.25% (taxes
//   shipping), OR 0 (no sales tax). REDUCED is taxed like STANDARD in the US: the demo's reduced
//   products are books and food-like goods, and grocery exemptions are not modeled. Services are
//   not taxed in the US rows.
//   PL 23% / 8% / 0 and DE 19% / 7% / 0 (VAT): shipping and services at the standard rate.
//
// Promotions (USD, the demo catalog's currency):
//   3 for 2 on board games (automatic, three games, BUY_X_PAY_Y), second copy of a book at half
//   price (automatic, the books category, NTH_UNIT_PERCENT), free shipping over $75 (automatic),
//   SAVE10 (10% off the order; 100 uses in all, one per customer) and BIGSPENDER ($50 off orders
//   over $300, EXCLUSIVE: it never stacks with the others, the better scenario wins).
//
// Run with `pnpm seed` (after the catalog's seed: promotions name its products and categories).
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { Outbox } from "@trolley/outbox";
import { PrismaClient } from "../../subgraphs/pricing/src/generated/prisma/client.js";
import type { Promotion } from "../../subgraphs/pricing/src/quote/index.js";
import { promotionColumns } from "../../subgraphs/pricing/src/pricing-rules/pricing-rules.mapping.js";
import { promotionChanged, taxRateChanged } from "../../subgraphs/pricing/src/pricing-rules/pricing-rules.events.js";
import { TaxRateStore } from "../../subgraphs/pricing/src/tax/tax-rate.store.js";
import type { TaxRateEntry } from "../../subgraphs/pricing/src/tax/tax-rate-input.rules.js";

const SEEDED_BY = "seed";

const rate = (countryCode: string, provinceCode: string | null, [standardPpm, reducedPpm, zeroPpm]: number[], taxes: { shipping: boolean; services: boolean }): TaxRateEntry => ({
  countryCode,
  provinceCode,
  standardPpm,
  reducedPpm,
  zeroPpm,
  taxesShipping: taxes.shipping,
  taxesServices: taxes.services,
});

export const taxRates: readonly TaxRateEntry[] = [
  rate("US", "CA", [72_500, 72_500, 0], { shipping: false, services: false }),
  rate("US", "NY", [40_000, 40_000, 0], { shipping: true, services: false }),
  rate("US", "TX", [62_500, 62_500, 0], { shipping: true, services: false }),
  rate("US", "OR", [0, 0, 0], { shipping: false, services: false }),
  rate("PL", null, [230_000, 80_000, 0], { shipping: true, services: true }),
  rate("DE", null, [190_000, 70_000, 0], { shipping: true, services: true }),
];

/** The demo catalog's ids the promotions name: products by SKU, categories by slug. */
export interface CatalogIds {
  productIds: Map<string, string>;
  categoryIds: Map<string, string>;
}

const BOARD_GAMES = ["TOY-0001", "TOY-0005", "TOY-0007"];

export function promotions(ids: CatalogIds): Promotion[] {
  const product = (sku: string) => ids.productIds.get(sku) ?? fail(`product ${sku}`);
  const category = (slug: string) => ids.categoryIds.get(slug) ?? fail(`category ${slug}`);
  const common = { startsAt: null, endsAt: null, usageLimit: null, perCustomerLimit: null, stacking: "STACKABLE" as const, conditions: {} };
  return [
    { ...common, id: "seed-board-games-3-for-2", title: "3 for 2 on board games", code: null, priority: 10, target: { kind: "PRODUCTS", productIds: BOARD_GAMES.map(product) }, action: { kind: "BUY_X_PAY_Y", buy: 3, pay: 2 } },
    { ...common, id: "seed-second-book-half-price", title: "Second copy of a book at half price", code: null, priority: 20, target: { kind: "CATEGORY", categoryIds: [category("books")] }, action: { kind: "NTH_UNIT_PERCENT", nth: 2, basisPoints: 5000 } },
    { ...common, id: "seed-free-shipping-75", title: "Free shipping over $75", code: null, priority: 100, target: { kind: "SHIPPING" }, action: { kind: "FREE_SHIPPING" }, conditions: { minSubtotalMinor: 7500 } },
    { ...common, id: "seed-save10", title: "10% off your order", code: "SAVE10", priority: 50, target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 }, usageLimit: 100, perCustomerLimit: 1 },
    { ...common, id: "seed-bigspender", title: "$50 off orders over $300", code: "BIGSPENDER", priority: 60, stacking: "EXCLUSIVE", target: { kind: "ORDER" }, action: { kind: "FIXED_AMOUNT", amountMinor: 5000 }, conditions: { minSubtotalMinor: 30000 } },
  ];
}

function fail(what: string): never {
  throw new Error(`the demo catalog has no ${what}: seed the catalog first (prisma/catalog/seed.ts)`);
}

/** Upserts the tax rates and promotions in one transaction, with their change events. */
export async function seedPricing(db: PrismaClient, ids: CatalogIds): Promise<{ taxRates: number; promotions: number }> {
  const seeded = promotions(ids);
  const outbox = new Outbox({ schema: "pricing" });
  const rates = new TaxRateStore(db);
  return db.$transaction(
    async (tx) => {
      const now = new Date();
      for (const entry of taxRates) {
        const row = await rates.put(tx, entry, now);
        await outbox.append(tx, [taxRateChanged(row, SEEDED_BY, now)]);
      }
      for (const { id, ...promotion } of seeded) {
        const columns = { ...promotionColumns(promotion), active: true, updatedAt: now };
        const existing = await tx.promotion.findUnique({ where: { id }, select: { id: true } });
        const row = existing
          ? await tx.promotion.update({ where: { id }, data: { ...columns, version: { increment: 1 } } })
          : await tx.promotion.create({ data: { id, ...columns, createdAt: now } });
        await outbox.append(tx, [promotionChanged(row, existing ? "UPDATED" : "CREATED", SEEDED_BY, now)]);
      }
      return { taxRates: taxRates.length, promotions: seeded.length };
    },
    { timeout: 30_000 },
  );
}

/**
 * The demo seed, not the pricing subgraph, looks the demo products up in the catalog's tables (an
 * admin creating promotions reads the ids from the catalog's API); the subgraph never reads them.
 */
async function catalogIds(connectionString: string): Promise<CatalogIds> {
  const catalog = new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema: "catalog" }) });
  try {
    const products = await catalog.$queryRaw<{ id: string; sku: string }[]>`SELECT "id", "sku" FROM "catalog"."product" WHERE "sku" = ANY(${BOARD_GAMES})`;
    const categories = await catalog.$queryRaw<{ id: string; slug: string }[]>`SELECT "id", "slug" FROM "catalog"."category"`;
    return { productIds: new Map(products.map((p) => [p.sku, p.id])), categoryIds: new Map(categories.map((c) => [c.slug, c.id])) };
  } finally {
    await catalog.$disconnect();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const connectionString = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/trolley";
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString }, { schema: "pricing" }) });
  // A failure rejects this module's evaluation: node prints it and exits non-zero.
  const counts = await seedPricing(db, await catalogIds(connectionString)).finally(() => db.$disconnect());
  console.log(`seeded ${counts.taxRates} tax rates, ${counts.promotions} promotions`);
}
