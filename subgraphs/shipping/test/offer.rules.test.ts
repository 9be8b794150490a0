// Which options a cart is offered and at what price: weight brackets, subtotal brackets and a grid
// of both, the free threshold, countries, provinces, weight limits, currency, and the add-ons a
// cart's weight opens. Amounts worked out by hand.
import { describe, expect, it } from "vitest";
import { applicableRate, measure, offerFor, offerWeekdays } from "../src/options/offer.rules.js";
import { carryIn, cart, line, option, sunday } from "./option-fixtures.js";

describe("a cart's measures", () => {
  it("counts every unit's weight and price", () => {
    // 3 x 1.2 kg + 1 x 0.5 kg = 4.1 kg; 3 x 19.99 + 1 x 5.00 = 64.97.
    expect(measure(cart([line(1_200, 1999, 3), line(500, 500)]))).toEqual({ weightGrams: 4_100, subtotalMinor: 6497 });
  });
});

describe("the price", () => {
  it("follows the weight bracket the cart falls in, from its minimum on", () => {
    const standard = option();
    expect(offerFor(standard, cart([line(1_999, 1000)]))).toMatchObject({ offered: true, priceMinor: 599 });
    expect(offerFor(standard, cart([line(2_000, 1000)]))).toMatchObject({ offered: true, priceMinor: 999 });
    expect(offerFor(standard, cart([line(5_000, 1000, 3)]))).toMatchObject({ offered: true, priceMinor: 1999 });
  });

  it("follows subtotal brackets, and a grid of weight and subtotal, most specific first", () => {
    const bySubtotal = option({ rates: [{ minWeightGrams: 0, minSubtotalMinor: 0, priceMinor: 1500 }, { minWeightGrams: 0, minSubtotalMinor: 10_000, priceMinor: 900 }] });
    expect(offerFor(bySubtotal, cart([line(100, 9_999)]))).toMatchObject({ priceMinor: 1500 });
    expect(offerFor(bySubtotal, cart([line(100, 5_000, 2)]))).toMatchObject({ priceMinor: 900 });

    const grid = [
      { minWeightGrams: 0, minSubtotalMinor: 0, priceMinor: 7900 },
      { minWeightGrams: 0, minSubtotalMinor: 150_000, priceMinor: 4900 },
      { minWeightGrams: 50_000, minSubtotalMinor: 0, priceMinor: 12_900 },
      { minWeightGrams: 50_000, minSubtotalMinor: 150_000, priceMinor: 9900 },
    ];
    expect(applicableRate(grid, { weightGrams: 30_000, subtotalMinor: 200_000 })?.priceMinor).toBe(4900);
    expect(applicableRate(grid, { weightGrams: 60_000, subtotalMinor: 100_000 })?.priceMinor).toBe(12_900);
    expect(applicableRate(grid, { weightGrams: 60_000, subtotalMinor: 150_000 })?.priceMinor).toBe(9900);
    // A cart below every rate's minimums is not offered the option.
    expect(applicableRate([{ minWeightGrams: 1_000, minSubtotalMinor: 0, priceMinor: 100 }], { weightGrams: 999, subtotalMinor: 0 })).toBeNull();
  });

  it("is nothing once the goods reach the option's free threshold", () => {
    const freeOver99 = option({ freeOverMinor: 9900 });
    expect(offerFor(freeOver99, cart([line(1_000, 9_899)]))).toMatchObject({ priceMinor: 599 });
    expect(offerFor(freeOver99, cart([line(1_000, 3_300, 3)]))).toMatchObject({ priceMinor: 0 });
  });
});

describe("what is offered", () => {
  it("only to the option's countries, outside the provinces it leaves out, in its currency", () => {
    const ground = option({ excludedProvinceCodes: ["AK", "HI"] });
    const goods = [line(1_000, 1000)];
    expect(offerFor(ground, cart(goods, { countryCode: "US", provinceCode: "NY" })).offered).toBe(true);
    expect(offerFor(ground, cart(goods, { countryCode: "US", provinceCode: "HI" }))).toEqual({ offered: false, reason: "Standard does not deliver to HI, US." });
    expect(offerFor(ground, cart(goods, { countryCode: "PL" }))).toEqual({ offered: false, reason: "Standard does not deliver to PL." });
    expect(offerFor(ground, cart(goods, {}, "EUR"))).toEqual({ offered: false, reason: "Standard is priced in USD, the cart in EUR." });
    expect(offerFor(ground, cart([]))).toEqual({ offered: false, reason: "The cart has nothing to ship." });
  });

  it("only within its weight limits", () => {
    const standard = option({ maxWeightGrams: 30_000 });
    expect(offerFor(standard, cart([line(15_000, 1000, 2)])).offered).toBe(true);
    expect(offerFor(standard, cart([line(15_001, 1000, 2)]))).toEqual({ offered: false, reason: "Standard carries at most 30 kg; this cart weighs 30.002 kg." });
    const freight = option({ title: "Freight", minWeightGrams: 25_000, maxWeightGrams: null });
    expect(offerFor(freight, cart([line(24_999, 1000)]))).toEqual({ offered: false, reason: "Freight carries carts from 25 kg; this one weighs 24.999 kg." });
    expect(offerFor(freight, cart([line(400_000, 1000, 3)])).offered).toBe(true);
  });

  it("with carry-in only for a heavy cart, and Sunday delivery for any", () => {
    const standard = option({ addOns: [carryIn, sunday] });
    expect(offerFor(standard, cart([line(19_999, 1000)]))).toMatchObject({ offered: true, addOns: [sunday] });
    expect(offerFor(standard, cart([line(10_000, 1000, 2)]))).toMatchObject({ offered: true, addOns: [carryIn, sunday] });
    // Sunday delivery opens Sundays: the offer delivers on the option's weekdays and Sunday.
    expect(offerWeekdays(standard, [carryIn, sunday])).toEqual([1, 2, 3, 4, 5, 7]);
    expect(offerWeekdays(standard, [carryIn])).toEqual([1, 2, 3, 4, 5]);
  });
});
