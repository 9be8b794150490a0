// Whether a shopper's shipping selection fits a cart now, and what it costs. Pure: judged against
// the cart's offers (what shipping can do for the cart at this moment, offer.rules.ts and the
// delivery calendar), so one rule serves the internal judgement (the cart selecting, checkout) and
// Cart.selectedShipping (a stored selection that no longer fits answers null).
//
//   - The option must be one the cart is offered: SHIPPING_OPTION_UNAVAILABLE (field optionId)
//     for an unknown option, a country or province it does not serve, a cart too heavy or too light.
//   - Each add-on (given twice counts once) must be one the option offers this cart:
//     SHIPPING_ADD_ON_UNAVAILABLE (field addOnIds).
//   - A delivery date, when given, must be one of the offer's dates: DELIVERY_DATE_UNAVAILABLE
//     (field deliveryDate). A date on a weekday the option itself does not deliver on (a Sunday)
//     needs an add-on that opens that weekday; an add-on that opens weekdays (Sunday delivery)
//     needs a date on one of them (SHIPPING_ADD_ON_UNAVAILABLE otherwise).
//   - No date: the earliest the option can do; the judgement says null.
// The price is the option's for this cart plus each add-on's, before shipping discounts.
import { sumMinor, type JudgedShipping, type ShippingJudgement, type ShippingRefusalCode, type ShippingSelectionRequest } from "@trolley/federation";
import { isoWeekday } from "../calendar/calendar-day.js";
import type { AddOnRule, CartOffers } from "../options/shipping-option.types.js";

const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const weekdayList = (weekdays: readonly number[]) => weekdays.map((weekday) => WEEKDAY_NAMES[weekday]).join(" or ");

const refuse = (code: ShippingRefusalCode, field: string, message: string): ShippingJudgement => ({ refusal: { code, message, field: [field] }, selected: null });

export function judgeSelection(cart: CartOffers & { countryCode: string; currencyCode: string }, selection: ShippingSelectionRequest): ShippingJudgement {
  const offer = cart.offers.find((candidate) => candidate.option.id === selection.optionId);
  if (!offer) {
    const reason = cart.notOffered.get(selection.optionId) ?? `No shipping option "${selection.optionId}" delivers to ${cart.countryCode}.`;
    return refuse("SHIPPING_OPTION_UNAVAILABLE", "optionId", reason);
  }
  const { option } = offer;

  const chosen: AddOnRule[] = [];
  for (const id of new Set(selection.addOnIds)) {
    const addOn = offer.addOns.find((candidate) => candidate.id === id);
    if (addOn) {
      chosen.push(addOn);
      continue;
    }
    const known = option.addOns.find((candidate) => candidate.id === id);
    const reason = known
      ? `${known.title} is offered with ${option.title} only for carts from ${(known.minWeightGrams ?? 0) / 1000} kg.`
      : `${option.title} has no add-on "${id}".`;
    return refuse("SHIPPING_ADD_ON_UNAVAILABLE", "addOnIds", reason);
  }

  const date = selection.deliveryDate;
  if (date !== null) {
    if (!offer.deliveryDates.includes(date)) {
      return refuse("DELIVERY_DATE_UNAVAILABLE", "deliveryDate", `${option.title} cannot deliver on ${date} now; its first delivery date is ${offer.deliveryDates[0] ?? "none"}.`);
    }
    const weekday = isoWeekday(date);
    if (!option.weekdays.includes(weekday) && !chosen.some((addOn) => addOn.weekdays.includes(weekday))) {
      const opener = offer.addOns.find((addOn) => addOn.weekdays.includes(weekday));
      return refuse("DELIVERY_DATE_UNAVAILABLE", "deliveryDate", `Delivery on a ${WEEKDAY_NAMES[weekday]} (${date}) needs the add-on ${opener?.title ?? "that opens it"}.`);
    }
  }
  for (const addOn of chosen) {
    if (addOn.weekdays.length > 0 && (date === null || !addOn.weekdays.includes(isoWeekday(date)))) {
      return refuse("SHIPPING_ADD_ON_UNAVAILABLE", "addOnIds", `${addOn.title} needs a delivery date on a ${weekdayList(addOn.weekdays)}.`);
    }
  }

  const selected: JudgedShipping = {
    optionId: option.id,
    title: option.title,
    priceMinor: String(offer.priceMinor),
    currencyCode: option.currencyCode,
    deliveryDate: date,
    addOns: chosen.map((addOn) => ({ id: addOn.id, title: addOn.title, priceMinor: String(addOn.priceMinor) })),
    totalMinor: String(sumMinor([offer.priceMinor, ...chosen.map((addOn) => addOn.priceMinor)])),
  };
  return { refusal: null, selected };
}
