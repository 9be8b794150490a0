// Small builders for quote inputs: each test states only the figures it is about.
import type { Promotion } from "../src/quote/promotion.types.js";
import type { QuoteInput, QuoteLineInput, QuoteServiceInput, TaxRate } from "../src/quote/quote.types.js";

export const NOW = new Date("2026-03-01T12:00:00Z");

export function line(id: string, unitPriceMinor: number, quantity = 1, extra: Partial<QuoteLineInput> = {}): QuoteLineInput {
  return { id, productId: `product-${id}`, quantity, unitPriceMinor, currencyCode: "USD", categoryIds: [], taxCategory: "STANDARD", ...extra };
}

export function service(id: string, unitPriceMinor: number, quantity = 1, lineId: string | null = null): QuoteServiceInput {
  return { id, lineId, quantity, unitPriceMinor, currencyCode: "USD" };
}

type PromotionFields = Omit<Promotion, "target" | "action">;

export function promotion<R extends Pick<Promotion, "target" | "action">>(id: string, rule: R, extra: Partial<PromotionFields> = {}): Promotion {
  return {
    id,
    title: `Promotion ${id}`,
    code: null,
    conditions: {},
    stacking: "STACKABLE",
    priority: 10,
    usageLimit: null,
    perCustomerLimit: null,
    ...extra,
    ...rule,
  } as Promotion;
}

export const onProducts = (...productIds: string[]) => ({ kind: "PRODUCTS" as const, productIds });
export const onCategory = (...categoryIds: string[]) => ({ kind: "CATEGORY" as const, categoryIds });
export const percentOff = (basisPoints: number) => ({ kind: "PERCENTAGE" as const, basisPoints });
export const fixedOff = (amountMinor: number) => ({ kind: "FIXED_AMOUNT" as const, amountMinor });

export function taxRate(countryCode: string, provinceCode: string | null, standard: number, extra: Partial<TaxRate> = {}): TaxRate {
  return {
    countryCode,
    provinceCode,
    ratesPpm: { STANDARD: standard, REDUCED: standard, ZERO: 0 },
    taxesShipping: false,
    taxesServices: false,
    ...extra,
  };
}

/** A USD cart in a country with no tax entry (so no tax) unless the test says otherwise. */
export function quoteInput(extra: Partial<QuoteInput> = {}): QuoteInput {
  return {
    currencyCode: "USD",
    at: NOW,
    shop: { taxIncluded: false, defaultCountryCode: "US" },
    lines: [],
    services: [],
    shipping: null,
    address: null,
    codes: [],
    promotions: [],
    taxRates: [],
    ...extra,
  };
}
