// Whether a selection fits the cart's offers: the option, its add-ons, the delivery date and the
// add-ons that open or need a weekday; and its price, the option plus the add-ons.
import { describe, expect, it } from "vitest";
import { judgeSelection } from "../src/judgement/judge-selection.rules.js";
import type { CartOffers, PricedOffer } from "../src/options/shipping-option.types.js";
import { carryIn, option, sunday } from "./option-fixtures.js";

const express = option({ id: "us-express", title: "Express", leadDays: 1, weekdays: [1, 2, 3, 4, 5, 6], addOns: [sunday, carryIn] });
// Friday 2026-12-04 to Tuesday 2026-12-08: Saturday the 5th on the option's own weekdays, Sunday the 6th through the add-on.
const offer: PricedOffer = { option: express, priceMinor: 1999, addOns: [sunday], deliveryDates: ["2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07", "2026-12-08"], deliveryDatesEstimated: false };
const cartOffers: CartOffers & { countryCode: string; currencyCode: string } = {
  offers: [offer],
  notOffered: new Map([["us-freight", "Freight carries carts from 25 kg; this one weighs 3 kg."]]),
  countryCode: "US",
  currencyCode: "USD",
};
const judge = (optionId: string, deliveryDate: string | null = null, addOnIds: string[] = []) => judgeSelection(cartOffers, { optionId, deliveryDate, addOnIds });

describe("a selection that fits", () => {
  it("is priced: the option, plus each add-on once", () => {
    expect(judge("us-express", "2026-12-05")).toEqual({
      refusal: null,
      selected: { optionId: "us-express", title: "Express", priceMinor: "1999", currencyCode: "USD", deliveryDate: "2026-12-05", addOns: [], totalMinor: "1999" },
    });
    // Sunday delivery on a Sunday, asked for twice: 19.99 + 9.99 = 29.98.
    expect(judge("us-express", "2026-12-06", ["sunday", "sunday"]).selected).toMatchObject({ deliveryDate: "2026-12-06", addOns: [{ id: "sunday", title: "Sunday delivery", priceMinor: "999" }], totalMinor: "2998" });
  });

  it("needs no date: the earliest the option can do", () => {
    expect(judge("us-express").selected).toMatchObject({ deliveryDate: null, totalMinor: "1999" });
  });
});

describe("a selection that does not fit", () => {
  it("names an option the cart is not offered, with why", () => {
    expect(judge("us-freight")).toEqual({ refusal: { code: "SHIPPING_OPTION_UNAVAILABLE", field: ["optionId"], message: "Freight carries carts from 25 kg; this one weighs 3 kg." }, selected: null });
    expect(judge("nope").refusal).toEqual({ code: "SHIPPING_OPTION_UNAVAILABLE", field: ["optionId"], message: 'No shipping option "nope" delivers to US.' });
  });

  it("asks for an add-on the option does not offer this cart", () => {
    expect(judge("us-express", null, ["carry-in"]).refusal).toEqual({ code: "SHIPPING_ADD_ON_UNAVAILABLE", field: ["addOnIds"], message: "Carry-in is offered with Express only for carts from 20 kg." });
    expect(judge("us-express", null, ["gift-wrap"]).refusal).toMatchObject({ code: "SHIPPING_ADD_ON_UNAVAILABLE", message: 'Express has no add-on "gift-wrap".' });
  });

  it("asks for a date the option cannot deliver on now", () => {
    expect(judge("us-express", "2026-12-03").refusal).toEqual({ code: "DELIVERY_DATE_UNAVAILABLE", field: ["deliveryDate"], message: "Express cannot deliver on 2026-12-03 now; its first delivery date is 2026-12-04." });
    expect(judge("us-express", "2026-12-31").refusal?.code).toBe("DELIVERY_DATE_UNAVAILABLE");
  });

  it("asks for a Sunday without Sunday delivery, or Sunday delivery on another day", () => {
    expect(judge("us-express", "2026-12-06").refusal).toEqual({ code: "DELIVERY_DATE_UNAVAILABLE", field: ["deliveryDate"], message: "Delivery on a Sunday (2026-12-06) needs the add-on Sunday delivery." });
    expect(judge("us-express", "2026-12-07", ["sunday"]).refusal).toEqual({ code: "SHIPPING_ADD_ON_UNAVAILABLE", field: ["addOnIds"], message: "Sunday delivery needs a delivery date on a Sunday." });
    expect(judge("us-express", null, ["sunday"]).refusal?.code).toBe("SHIPPING_ADD_ON_UNAVAILABLE");
  });
});
