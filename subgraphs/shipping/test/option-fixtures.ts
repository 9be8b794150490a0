// Options and carts for the rules' unit tests, shaped like the demo seed's but small enough to
// work out by hand.
import type { AddOnRule, CartToShip, OptionRule, ShippingLine } from "../src/options/shipping-option.types.js";

export function option(fields: Partial<OptionRule> = {}): OptionRule {
  return {
    id: "us-standard",
    title: "Standard",
    currencyCode: "USD",
    countryCodes: ["US"],
    excludedProvinceCodes: [],
    minWeightGrams: 0,
    maxWeightGrams: 30_000,
    freeOverMinor: null,
    leadDays: 3,
    cutoffHour: 14,
    timeZone: "America/New_York",
    weekdays: [1, 2, 3, 4, 5],
    rates: [
      { minWeightGrams: 0, minSubtotalMinor: 0, priceMinor: 599 },
      { minWeightGrams: 2_000, minSubtotalMinor: 0, priceMinor: 999 },
      { minWeightGrams: 10_000, minSubtotalMinor: 0, priceMinor: 1999 },
    ],
    addOns: [],
    ...fields,
  };
}

export const carryIn: AddOnRule = { id: "carry-in", title: "Carry-in", priceMinor: 4900, minWeightGrams: 20_000, weekdays: [] };
export const sunday: AddOnRule = { id: "sunday", title: "Sunday delivery", priceMinor: 999, minWeightGrams: null, weekdays: [7] };

export const line = (weightGrams: number, unitPriceMinor: number, quantity = 1, productId = `p-${weightGrams}-${unitPriceMinor}`): ShippingLine => ({ productId, quantity, weightGrams, unitPriceMinor });

export function cart(lines: ShippingLine[], destination: Partial<CartToShip["destination"]> = {}, currencyCode = "USD"): CartToShip {
  return { lines, currencyCode, destination: { countryCode: "US", provinceCode: null, postalCode: null, ...destination } };
}
