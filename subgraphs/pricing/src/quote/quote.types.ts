// What a quote is computed from and what it answers. All amounts are integer minor units of the
// quote's one currency; every rate is an integer (basis points for promotions, parts per million
// for tax), so no float ever touches an amount.
import type { Promotion } from "./promotion.types.js";

export type TaxCategory = "STANDARD" | "REDUCED" | "ZERO";
export type DiscountTarget = "LINE" | "ORDER" | "SHIPPING";

export interface ShopSettings {
  /** Prices already include tax (VAT style); otherwise tax is added on top (sales-tax style). */
  taxIncluded: boolean;
  /** Where tax is estimated for until the shopper gives an address. */
  defaultCountryCode: string;
  /** The province of the default country tax is estimated for, where the country's rates vary by province. */
  defaultProvinceCode?: string | null;
}

export interface QuoteLineInput {
  id: string;
  productId: string;
  quantity: number;
  unitPriceMinor: number;
  currencyCode: string;
  /** The product's categories; empty when it has none. */
  categoryIds: string[];
  taxCategory: TaxCategory;
}

export interface QuoteServiceInput {
  id: string;
  /** The line it is attached to; null for a standalone service. */
  lineId: string | null;
  quantity: number;
  unitPriceMinor: number;
  currencyCode: string;
}

export interface QuoteShippingInput {
  /** The selected option plus add-ons, before shipping discounts. */
  priceMinor: number;
  currencyCode: string;
}

export interface QuoteAddressInput {
  countryCode: string;
  provinceCode: string | null;
}

/** Rates for a country, or for one province of it (which then replaces the country's entry whole). */
export interface TaxRate {
  countryCode: string;
  /** Null for the country's own entry. */
  provinceCode: string | null;
  /** Parts per million: 23% = 230_000, 8.875% = 88_750. */
  ratesPpm: Record<TaxCategory, number>;
  /** Shipping is taxed at the standard rate. */
  taxesShipping: boolean;
  /** Services are taxed at the standard rate. */
  taxesServices: boolean;
}

export interface QuoteInput {
  currencyCode: string;
  /** The instant promotions' validity windows are judged at; the engine reads no clock. */
  at: Date;
  shop: ShopSettings;
  lines: QuoteLineInput[];
  services: QuoteServiceInput[];
  /** Null until a shipping option is selected. */
  shipping: QuoteShippingInput | null;
  /** Null until the shopper gives one: tax is then estimated for the shop's default country. */
  address: QuoteAddressInput | null;
  /** The codes the cart holds, as the shopper entered them. */
  codes: string[];
  /** The promotions in effect, automatic and by code. */
  promotions: Promotion[];
  taxRates: TaxRate[];
}

/** One promotion's part of one line. */
export interface LineDiscountShare {
  promotionId: string;
  code: string | null;
  title: string;
  amountMinor: number;
}

export interface QuoteLine {
  id: string;
  productId: string;
  quantity: number;
  amountPerQuantityMinor: number;
  /** amountPerQuantity × quantity. */
  subtotalMinor: number;
  /** This line's share of the LINE discounts only. */
  discountTotalMinor: number;
  discounts: LineDiscountShare[];
  /** This line's share of the ORDER discounts: not in `discountTotalMinor`, but taken off its tax base. */
  orderDiscountShareMinor: number;
  taxRatePpm: number;
  taxMinor: number;
  /** subtotal - discountTotal (+ tax unless tax is included). */
  totalMinor: number;
}

export interface QuoteServiceLine {
  id: string;
  lineId: string | null;
  quantity: number;
  amountPerQuantityMinor: number;
  subtotalMinor: number;
  taxRatePpm: number;
  taxMinor: number;
}

export interface AppliedDiscount {
  promotionId: string;
  /** The code as the shopper entered it; null for an automatic promotion. */
  code: string | null;
  title: string;
  target: DiscountTarget;
  /** What it takes off (positive). */
  amountMinor: number;
}

export type CodeRejection = "UNKNOWN" | "NOT_STARTED" | "EXPIRED" | "CONDITIONS_NOT_MET" | "NOT_CHOSEN";

export interface CodeStanding {
  /** As the shopper entered it. */
  code: string;
  applicable: boolean;
  promotionId: string | null;
  /** Why it does not apply; absent when it does. */
  reason?: CodeRejection;
}

export interface Quote {
  currencyCode: string;
  /** Goods: the line subtotals before discounts. */
  subtotalMinor: number;
  servicesSubtotalMinor: number;
  /** Before shipping discounts; null until a shipping option is selected. */
  shippingMinor: number | null;
  discounts: AppliedDiscount[];
  /** Every discount: LINE, ORDER and SHIPPING. */
  discountTotalMinor: number;
  taxMinor: number;
  /** The tax on shipping after shipping discounts; part of `taxMinor`. */
  shippingTaxMinor: number;
  taxIncluded: boolean;
  /** True until an address is given (tax is then for the shop's default country). */
  taxEstimated: boolean;
  /** The country (and province) whose rates were used. */
  taxCountryCode: string;
  taxProvinceCode: string | null;
  /** subtotal + servicesSubtotal + shipping - discountTotal (+ tax unless included). */
  totalMinor: number;
  lines: QuoteLine[];
  services: QuoteServiceLine[];
  codes: CodeStanding[];
  /** SHA-256 of everything above in canonical form (quote-hash.ts). */
  hash: string;
}
