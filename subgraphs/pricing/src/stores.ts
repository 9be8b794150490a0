// Pricing's persistence, one store per table family; the only code that queries Postgres.
import type { PricingDb } from "./db.js";
import { PromotionStore } from "./promotions/promotion.store.js";
import { PricingRulesStore } from "./pricing-rules/pricing-rules.store.js";
import { TaxRateStore } from "./tax/tax-rate.store.js";
import { CodeUseStore } from "./usage/code-use.store.js";

export function createStores(db: PricingDb) {
  return { rules: new PricingRulesStore(db), promotions: new PromotionStore(db), taxRates: new TaxRateStore(db), codeUses: new CodeUseStore(db) };
}

export type PricingStores = ReturnType<typeof createStores>;
