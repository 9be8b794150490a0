// Tax by place and tax category, computed per line after every discount and rounded half-even per
// line. Rates are parts per million so real rates (8.875% = 88_750) are exact integers.
// Sales-tax style (prices exclude tax): tax = net × rate, added on top.
// VAT style (prices include tax): tax = net × rate / (1 + rate), the part of the net that is tax.
import { multiplyMinor } from "@trolley/federation";
import type { LineState } from "./line-state.js";
import type { QuoteInput, QuoteServiceInput, TaxCategory, TaxRate } from "./quote.types.js";
import { scaleHalfEven } from "./rounding.js";

export const PPM_PER_WHOLE = 1_000_000;

export interface TaxPlace {
  countryCode: string;
  provinceCode: string | null;
  /** True before an address: the shop's default place (country, and province if set) stands in for it. */
  estimated: boolean;
}

export function taxPlace(input: QuoteInput): TaxPlace {
  if (!input.address) return { countryCode: input.shop.defaultCountryCode, provinceCode: input.shop.defaultProvinceCode ?? null, estimated: true };
  return { countryCode: input.address.countryCode, provinceCode: input.address.provinceCode, estimated: false };
}

/**
 * The province's entry where the table has one, else the country's; null (no tax at all) for a
 * place the table does not list: the shop collects tax only where it is registered to.
 */
export function findTaxRate(rates: TaxRate[], place: TaxPlace): TaxRate | null {
  const inCountry = rates.filter((rate) => rate.countryCode === place.countryCode);
  const province = place.provinceCode === null ? undefined : inCountry.find((rate) => rate.provinceCode === place.provinceCode);
  return province ?? inCountry.find((rate) => rate.provinceCode === null) ?? null;
}

export function taxOn(netMinor: number, ratePpm: number, taxIncluded: boolean): number {
  return taxIncluded ? scaleHalfEven(netMinor, ratePpm, PPM_PER_WHOLE + ratePpm) : scaleHalfEven(netMinor, ratePpm, PPM_PER_WHOLE);
}

export interface TaxedAmount {
  ratePpm: number;
  taxMinor: number;
}

export interface TaxedServiceLine extends TaxedAmount {
  service: QuoteServiceInput;
  subtotalMinor: number;
}

export interface QuoteTax {
  place: TaxPlace;
  /** In the order of the lines. */
  lines: TaxedAmount[];
  services: TaxedServiceLine[];
  shipping: TaxedAmount;
}

/**
 * Lines on their net after line discounts and their order-discount share, at their category's
 * rate; services (undiscounted) and shipping (after shipping discounts) at the standard rate where
 * the place taxes them, and untaxed elsewhere.
 */
export function computeTax(input: QuoteInput, lines: LineState[], shippingNetMinor: number): QuoteTax {
  const place = taxPlace(input);
  const rate = findTaxRate(input.taxRates, place);
  const { taxIncluded } = input.shop;
  const at = (ratePpm: number, netMinor: number): TaxedAmount => ({ ratePpm, taxMinor: taxOn(netMinor, ratePpm, taxIncluded) });
  const categoryRate = (category: TaxCategory) => rate?.ratesPpm[category] ?? 0;
  const serviceRate = rate?.taxesServices ? categoryRate("STANDARD") : 0;
  const shippingRate = rate?.taxesShipping ? categoryRate("STANDARD") : 0;
  return {
    place,
    lines: lines.map((state) => at(categoryRate(state.line.taxCategory), state.netMinor)),
    services: input.services.map((service) => {
      const subtotalMinor = multiplyMinor(service.unitPriceMinor, service.quantity);
      return { service, subtotalMinor, ...at(serviceRate, subtotalMinor) };
    }),
    shipping: at(shippingRate, shippingNetMinor),
  };
}
