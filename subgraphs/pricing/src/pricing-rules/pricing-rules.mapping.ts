// From the rows the stores read to the engine's rules, and back: a promotion's target and action
// are stored as the JSON `rule`, its other fields as columns; a tax rate's per-category rates as
// three columns. Pure.
import { minorFromColumn } from "@trolley/federation";
import type { Promotion, PromotionRule, PromotionStacking, TaxRate } from "../quote/index.js";
import type { Promotion as PromotionRow, TaxRate as TaxRateRow } from "../generated/prisma/client.js";

/** What the rules cache holds: every active promotion and every tax rate. */
export interface PricingRules {
  promotions: Promotion[];
  taxRates: TaxRate[];
}

export function promotionFromRow(row: PromotionRow): Promotion {
  const { target, action } = row.rule as unknown as PromotionRule;
  return {
    id: row.id,
    title: row.title,
    code: row.code,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    conditions: row.minSubtotalMinor === null ? {} : { minSubtotalMinor: minorFromColumn(row.minSubtotalMinor) },
    stacking: row.stacking as PromotionStacking,
    priority: row.priority,
    usageLimit: row.usageLimit,
    perCustomerLimit: row.perCustomerLimit,
    target,
    action,
  } as Promotion;
}

/** The columns of a promotion (everything but its id, activity, version and timestamps). */
export function promotionColumns(promotion: Omit<Promotion, "id">) {
  const rule = { target: promotion.target, action: promotion.action };
  return {
    title: promotion.title,
    code: promotion.code,
    rule: rule as object,
    minSubtotalMinor: promotion.conditions.minSubtotalMinor === undefined ? null : BigInt(promotion.conditions.minSubtotalMinor),
    startsAt: promotion.startsAt ?? null,
    endsAt: promotion.endsAt ?? null,
    stacking: promotion.stacking,
    priority: promotion.priority,
    usageLimit: promotion.usageLimit,
    perCustomerLimit: promotion.perCustomerLimit,
  };
}

export function taxRateFromRow(row: TaxRateRow): TaxRate {
  return {
    countryCode: row.countryCode,
    provinceCode: row.provinceCode,
    ratesPpm: { STANDARD: row.standardPpm, REDUCED: row.reducedPpm, ZERO: row.zeroPpm },
    taxesShipping: row.taxesShipping,
    taxesServices: row.taxesServices,
  };
}
