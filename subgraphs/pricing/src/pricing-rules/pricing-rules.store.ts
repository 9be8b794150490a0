// Reads the rules a quote is computed with: the active promotions and every tax rate. The rules
// cache calls it at start, on change events and periodically; a checkout's fresh quote calls it
// directly. Nothing per cart view.
import type { PricingDb } from "../db.js";
import { promotionFromRow, taxRateFromRow, type PricingRules } from "./pricing-rules.mapping.js";

export class PricingRulesStore {
  constructor(private readonly db: PricingDb) {}

  /** Two queries, one per table; promotions by priority, then oldest first (the engine keeps ties in input order). */
  async load(): Promise<PricingRules> {
    const [rows, rates] = await Promise.all([
      this.db.promotion.findMany({ where: { active: true }, orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }] }),
      this.db.taxRate.findMany({ orderBy: [{ countryCode: "asc" }, { provinceCode: "asc" }] }),
    ]);
    return { promotions: rows.map(promotionFromRow), taxRates: rates.map(taxRateFromRow) };
  }
}
