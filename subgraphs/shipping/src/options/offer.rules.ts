// Which options a cart is offered, at what price, with which add-ons. Pure.
//
// An option is offered when the cart is priced in the option's currency, has something to ship,
// goes to one of the option's countries (and not to a province it leaves out), weighs at least its
// minimum and at most its maximum, and one of its rates fits. The rate is the one whose minimum
// weight and minimum subtotal the cart reaches, the highest minimum weight first, then the highest
// minimum subtotal; the price is that rate's, or nothing once the goods subtotal reaches the
// option's free threshold. Add-ons are offered when the cart reaches their minimum weight.
// Weight and subtotal count every unit: quantity times the line's weight and unit price.
import { multiplyMinor, sumMinor } from "@trolley/federation";
import type { AddOnRule, CartToShip, OptionRule, RateRule } from "./shipping-option.types.js";

export interface CartMeasures {
  weightGrams: number;
  subtotalMinor: number;
}

export function measure(cart: Pick<CartToShip, "lines">): CartMeasures {
  return {
    weightGrams: sumMinor(cart.lines.map((line) => multiplyMinor(line.weightGrams, line.quantity))),
    subtotalMinor: sumMinor(cart.lines.map((line) => multiplyMinor(line.unitPriceMinor, line.quantity))),
  };
}

export type OfferDecision = { offered: true; priceMinor: number; addOns: AddOnRule[] } | { offered: false; reason: string };

const kg = (grams: number) => `${Number((grams / 1000).toFixed(3))} kg`;

/** The rate that applies to a cart of these measures, or null when none does. */
export function applicableRate(rates: readonly RateRule[], measures: CartMeasures): RateRule | null {
  let best: RateRule | null = null;
  for (const rate of rates) {
    if (rate.minWeightGrams > measures.weightGrams || rate.minSubtotalMinor > measures.subtotalMinor) continue;
    if (!best || rate.minWeightGrams > best.minWeightGrams || (rate.minWeightGrams === best.minWeightGrams && rate.minSubtotalMinor > best.minSubtotalMinor)) best = rate;
  }
  return best;
}

export function offerFor(option: OptionRule, cart: CartToShip, measures: CartMeasures = measure(cart)): OfferDecision {
  const { destination } = cart;
  const refuse = (reason: string): OfferDecision => ({ offered: false, reason });
  if (cart.lines.length === 0) return refuse("The cart has nothing to ship.");
  if (option.currencyCode !== cart.currencyCode) return refuse(`${option.title} is priced in ${option.currencyCode}, the cart in ${cart.currencyCode}.`);
  if (!option.countryCodes.includes(destination.countryCode)) return refuse(`${option.title} does not deliver to ${destination.countryCode}.`);
  if (destination.provinceCode && option.excludedProvinceCodes.includes(destination.provinceCode)) {
    return refuse(`${option.title} does not deliver to ${destination.provinceCode}, ${destination.countryCode}.`);
  }
  if (measures.weightGrams < option.minWeightGrams) return refuse(`${option.title} carries carts from ${kg(option.minWeightGrams)}; this one weighs ${kg(measures.weightGrams)}.`);
  if (option.maxWeightGrams !== null && measures.weightGrams > option.maxWeightGrams) {
    return refuse(`${option.title} carries at most ${kg(option.maxWeightGrams)}; this cart weighs ${kg(measures.weightGrams)}.`);
  }
  const rate = applicableRate(option.rates, measures);
  if (!rate) return refuse(`${option.title} has no rate for this cart.`);
  const free = option.freeOverMinor !== null && measures.subtotalMinor >= option.freeOverMinor;
  return {
    offered: true,
    priceMinor: free ? 0 : rate.priceMinor,
    addOns: option.addOns.filter((addOn) => addOn.minWeightGrams === null || measures.weightGrams >= addOn.minWeightGrams),
  };
}

/** The weekdays an offer can be delivered on: the option's own, and those its offered add-ons open. */
export function offerWeekdays(option: Pick<OptionRule, "weekdays">, addOns: readonly AddOnRule[]): number[] {
  return [...new Set([...option.weekdays, ...addOns.flatMap((addOn) => addOn.weekdays)])].sort((a, b) => a - b);
}
