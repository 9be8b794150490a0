// From an option's rows to the rule the offers are made from. A row the rules cannot use (a time
// zone Intl does not know, no delivery weekday) is refused here, so one bad row costs its own
// option, never every cart's shipping.
import { minorFromColumn } from "@trolley/federation";
import { isTimeZone } from "../calendar/zoned-time.js";
import type { ShippingOptionRow } from "./shipping-option.store.js";
import type { OptionRule } from "./shipping-option.types.js";

export class UnusableOption extends Error {
  constructor(readonly optionId: string, reason: string) {
    super(`shipping option ${optionId}: ${reason}`);
    this.name = "UnusableOption";
  }
}

const isWeekday = (value: number) => Number.isInteger(value) && value >= 1 && value <= 7;

export function optionFromRow(row: ShippingOptionRow): OptionRule {
  if (!isTimeZone(row.timeZone)) throw new UnusableOption(row.id, `unknown time zone ${JSON.stringify(row.timeZone)}`);
  if (row.deliveryWeekdays.length === 0 || !row.deliveryWeekdays.every(isWeekday)) throw new UnusableOption(row.id, "its delivery weekdays must be ISO weekdays, at least one");
  return {
    id: row.id,
    title: row.title,
    currencyCode: row.currencyCode,
    countryCodes: row.countryCodes,
    excludedProvinceCodes: row.excludedProvinceCodes,
    minWeightGrams: row.minWeightGrams,
    maxWeightGrams: row.maxWeightGrams,
    freeOverMinor: row.freeOverMinor === null ? null : minorFromColumn(row.freeOverMinor),
    leadDays: row.leadDays,
    cutoffHour: row.cutoffHour,
    timeZone: row.timeZone,
    weekdays: [...row.deliveryWeekdays].sort((a, b) => a - b),
    rates: row.rates.map((rate) => ({ minWeightGrams: rate.minWeightGrams, minSubtotalMinor: minorFromColumn(rate.minSubtotalMinor), priceMinor: minorFromColumn(rate.priceMinor) })),
    addOns: row.addOns.map((addOn) => ({
      id: addOn.id,
      title: addOn.title,
      priceMinor: minorFromColumn(addOn.priceMinor),
      minWeightGrams: addOn.minWeightGrams,
      weekdays: addOn.weekdays.filter(isWeekday),
    })),
  };
}
