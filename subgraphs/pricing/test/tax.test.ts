import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import type { QuoteAddressInput, QuoteInput, TaxRate } from "../src/quote/quote.types.js";
import { fixedOff, line, onProducts, percentOff, promotion, quoteInput, service, taxRate } from "./quote-fixtures.js";

const at = (countryCode: string, provinceCode: string | null = null): QuoteAddressInput => ({ countryCode, provinceCode });
const shipping = (priceMinor: number, currencyCode = "USD") => ({ priceMinor, currencyCode });
const onOrder = { kind: "ORDER" as const };

// No US entry of its own: only the states listed collect tax. California does not tax shipping
// or services here; New York does both.
const usRates: TaxRate[] = [
  taxRate("US", "CA", 72_500),
  taxRate("US", "NY", 88_750, { taxesShipping: true, taxesServices: true }),
];
const vatRates: TaxRate[] = [
  { countryCode: "PL", provinceCode: null, ratesPpm: { STANDARD: 230_000, REDUCED: 80_000, ZERO: 0 }, taxesShipping: true, taxesServices: true },
  { countryCode: "DE", provinceCode: null, ratesPpm: { STANDARD: 190_000, REDUCED: 70_000, ZERO: 0 }, taxesShipping: true, taxesServices: true },
];
const vat = (extra: Partial<QuoteInput>) =>
  computeQuote(quoteInput({ currencyCode: "EUR", shop: { taxIncluded: true, defaultCountryCode: "PL" }, taxRates: vatRates, ...extra }));
const eur = (id: string, unitPriceMinor: number, taxCategory: "STANDARD" | "REDUCED" | "ZERO" = "STANDARD") =>
  line(id, unitPriceMinor, 1, { currencyCode: "EUR", taxCategory });

describe("sales tax (prices without tax)", () => {
  it("California 7.25%, per line, half-even on exact halves", () => {
    // 19.99 × 7.25% = 1.449275 -> 1.45; 10.00 -> 0.725 -> 0.72 (half to even 72);
    // 30.00 -> 2.175 -> 2.18 (half to even 218). Tax 4.35; total 59.99 + 4.35 = 64.34.
    const quote = computeQuote(quoteInput({ lines: [line("a", 1999), line("b", 1000), line("c", 3000)], address: at("US", "CA"), taxRates: usRates }));
    expect(quote.lines.map((l) => l.taxMinor)).toEqual([145, 72, 218]);
    expect(quote.lines.map((l) => l.totalMinor)).toEqual([2144, 1072, 3218]);
    expect(quote.taxMinor).toBe(435);
    expect(quote.totalMinor).toBe(6434);
    expect(quote.taxEstimated).toBe(false);
  });

  it("New York 8.875% taxes shipping and services, California neither", () => {
    // Goods a 19.99, b 10.00; a standalone service 5.00; shipping 10.00.
    const input = (province: string) => quoteInput({
      lines: [line("a", 1999), line("b", 1000)], services: [service("wrap", 500)], shipping: shipping(1000), address: at("US", province), taxRates: usRates,
    });
    // NY: 19.99 × 8.875% = 1.7741 -> 1.77; 10.00 -> 0.8875 -> 0.89; service 5.00 -> 0.44375 -> 0.44;
    // shipping 10.00 -> 0.89. Tax 3.99; total 29.99 + 5.00 + 10.00 + 3.99 = 48.98.
    const newYork = computeQuote(input("NY"));
    expect(newYork.lines.map((l) => l.taxMinor)).toEqual([177, 89]);
    expect(newYork.services.map((s) => s.taxMinor)).toEqual([44]);
    expect(newYork.shippingTaxMinor).toBe(89);
    expect(newYork.totalMinor).toBe(4898);
    // CA: goods 1.45 + 0.72 only. Total 29.99 + 5.00 + 10.00 + 2.17 = 47.16.
    const california = computeQuote(input("CA"));
    expect([california.shippingTaxMinor, california.services[0].taxMinor, california.taxMinor]).toEqual([0, 0, 217]);
    expect(california.totalMinor).toBe(4716);
  });

  it("is on each line's net after its line discounts and its share of the order discounts", () => {
    // a 20.00 - 10% = 18.00; b 10.00. 3.00 off the order over 1800:1000: 192.86 and 107.14 ->
    // floors 192 + 107 = 299, the cent to a (remainder 0.86): 193 and 107.
    // a's base 18.00 - 1.93 = 16.07 × 8.875% = 1.4262 -> 1.43; b's 10.00 - 1.07 = 8.93 -> 0.7925 -> 0.79.
    // total 30.00 - 2.00 - 3.00 + 2.22 = 27.22; line totals 20.00 - 2.00 + 1.43 and 10.00 + 0.79.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 2000), line("b", 1000)],
      promotions: [promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) }), promotion("three-off", { target: onOrder, action: fixedOff(300) })],
      address: at("US", "NY"),
      taxRates: usRates,
    }));
    expect(quote.lines.map((l) => l.orderDiscountShareMinor)).toEqual([193, 107]);
    expect(quote.lines.map((l) => l.taxMinor)).toEqual([143, 79]);
    expect(quote.lines.map((l) => l.totalMinor)).toEqual([1943, 1079]);
    expect(quote.totalMinor).toBe(2722);
  });

  it("taxes shipping after its discounts", () => {
    // NY: a 50.00 -> 4.4375 -> 4.44; service 10.00 -> 0.89; shipping 10.00 - 50% = 5.00 -> 0.44375 -> 0.44.
    // Tax 5.77; total 50.00 + 10.00 + 10.00 - 5.00 + 5.77 = 70.77.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 5000)], services: [service("install", 1000, 1, "a")], shipping: shipping(1000), address: at("US", "NY"), taxRates: usRates,
      promotions: [promotion("half-ship", { target: { kind: "SHIPPING" }, action: percentOff(5000) })],
    }));
    expect(quote.shippingTaxMinor).toBe(44);
    expect(quote.taxMinor).toBe(577);
    expect(quote.totalMinor).toBe(7077);
  });
});

describe("VAT (prices with tax)", () => {
  it("Poland 23% and 8%, a zero-rated product; the tax is inside the amounts", () => {
    // 123.00 × 23/123 = 23.00; 10.80 × 8/108 = 0.80; 5.00 at 0% = 0; 9.99 × 23/123 = 1.868 -> 1.87.
    // Tax 25.67; total = subtotal 148.79 (the tax is already in it).
    const quote = vat({ lines: [eur("a", 12300), eur("b", 1080, "REDUCED"), eur("c", 500, "ZERO"), eur("d", 999)], address: at("PL") });
    expect(quote.lines.map((l) => l.taxMinor)).toEqual([2300, 80, 0, 187]);
    expect(quote.lines.map((l) => l.totalMinor)).toEqual([12300, 1080, 500, 999]);
    expect(quote.taxMinor).toBe(2567);
    expect(quote.totalMinor).toBe(14879);
    expect(quote.taxIncluded).toBe(true);
  });

  it("Germany 19% and 7%, with a service and shipping at the standard rate", () => {
    // 119.00 × 19/119 = 19.00; 10.70 × 7/107 = 0.70; 20.00 at 0%; service 11.90 × 19/119 = 1.90;
    // shipping 4.90 × 19/119 = 0.7824 -> 0.78. Tax 22.38; total 119.00 + 10.70 + 20.00 + 11.90 + 4.90 = 166.50.
    const quote = vat({
      lines: [eur("a", 11900), eur("b", 1070, "REDUCED"), eur("c", 2000, "ZERO")],
      services: [{ ...service("assembly", 1190, 1, "a"), currencyCode: "EUR" }],
      shipping: shipping(490, "EUR"),
      address: at("DE"),
    });
    expect(quote.lines.map((l) => l.taxMinor)).toEqual([1900, 70, 0]);
    expect(quote.services[0].taxMinor).toBe(190);
    expect(quote.shippingTaxMinor).toBe(78);
    expect(quote.taxMinor).toBe(2238);
    expect(quote.totalMinor).toBe(16650);
  });

  it("is on the net after an order discount", () => {
    // 10% off 133.80 = 13.38, over 12300:1080 exactly 12.30 and 1.08.
    // 110.70 × 23/123 = 20.70; 9.72 × 8/108 = 0.72. Total 133.80 - 13.38 = 120.42.
    const quote = vat({ lines: [eur("a", 12300), eur("b", 1080, "REDUCED")], address: at("PL"), promotions: [promotion("ten", { target: onOrder, action: percentOff(1000) })] });
    expect(quote.lines.map((l) => l.taxMinor)).toEqual([2070, 72]);
    expect(quote.totalMinor).toBe(12042);
  });
});

describe("where tax is due", () => {
  it("before an address: the shop's default country, and the tax is an estimate", () => {
    // Default PL: 123.00 × 23/123 = 23.00.
    const estimated = vat({ lines: [eur("a", 12300)], address: null });
    expect([estimated.taxEstimated, estimated.taxCountryCode, estimated.taxMinor]).toEqual([true, "PL", 2300]);
    // With a German address: 123.00 × 19/119 = 19.638 -> 19.64, no longer an estimate.
    const known = vat({ lines: [eur("a", 12300)], address: at("DE") });
    expect([known.taxEstimated, known.taxCountryCode, known.taxMinor]).toEqual([false, "DE", 1964]);
  });

  it("before an address in a country taxed by province: the shop's default province", () => {
    // Default US/CA: 19.99 × 7.25% = 1.449275 -> 1.45; without a default province no US entry applies.
    const shop = (defaultProvinceCode: string | null) => ({ taxIncluded: false, defaultCountryCode: "US", defaultProvinceCode });
    const estimated = computeQuote(quoteInput({ lines: [line("a", 1999)], address: null, taxRates: usRates, shop: shop("CA") }));
    expect([estimated.taxEstimated, estimated.taxCountryCode, estimated.taxProvinceCode, estimated.taxMinor]).toEqual([true, "US", "CA", 145]);
    expect(computeQuote(quoteInput({ lines: [line("a", 1999)], address: null, taxRates: usRates, shop: shop(null) })).taxMinor).toBe(0);
  });

  it("a province's entry replaces its country's; a place with no entry pays none", () => {
    // Canada 5%, Quebec 14.975%: 10.00 -> 1.4975 -> 1.50 in Quebec, 0.50 in Ontario (country rate).
    const rates = [taxRate("CA", null, 50_000), taxRate("CA", "QC", 149_750)];
    const taxIn = (address: QuoteAddressInput) => computeQuote(quoteInput({ lines: [line("a", 1000)], address, taxRates: [...rates, ...usRates] })).taxMinor;
    expect(taxIn(at("CA", "QC"))).toBe(150);
    expect(taxIn(at("CA", "ON"))).toBe(50);
    // Oregon: no state entry and no US entry.
    expect(taxIn(at("US", "OR"))).toBe(0);
  });
});
