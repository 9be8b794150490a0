// The shipping context's own vocabulary: options as the rules read them (from their rows, see
// shipping-option.mapping.ts), and a cart as shipping sees it (what it weighs, what its goods are
// worth, where it goes). Amounts are integer minor units; weekdays ISO numbers (1 Monday ... 7 Sunday).
import type { DeliverySchedule } from "../calendar/delivery-calendar.js";

/** A price bracket: applies to carts that reach both minimums (the most specific one wins). */
export interface RateRule {
  minWeightGrams: number;
  minSubtotalMinor: number;
  priceMinor: number;
}

export interface AddOnRule {
  id: string;
  title: string;
  priceMinor: number;
  /** Offered only to carts at least this heavy (carry-in); null for every cart. */
  minWeightGrams: number | null;
  /** Weekdays it opens for delivery (Sunday delivery: [7]); a selection with it is delivered on one of them. */
  weekdays: number[];
}

export interface OptionRule extends DeliverySchedule {
  id: string;
  title: string;
  currencyCode: string;
  countryCodes: string[];
  excludedProvinceCodes: string[];
  minWeightGrams: number;
  maxWeightGrams: number | null;
  /** Free once the goods subtotal reaches this; null: never. */
  freeOverMinor: number | null;
  rates: RateRule[];
  addOns: AddOnRule[];
}

export interface ShippingLine {
  productId: string;
  quantity: number;
  weightGrams: number;
  unitPriceMinor: number;
}

/** Where a cart goes: its address, or the shop's default country before it has one. */
export interface Destination {
  countryCode: string;
  provinceCode: string | null;
  postalCode: string | null;
}

export interface CartToShip {
  lines: ShippingLine[];
  currencyCode: string;
  destination: Destination;
}

/** An option offered to a cart: priced for it, with the add-ons and delivery dates it may choose. */
export interface PricedOffer {
  option: OptionRule;
  priceMinor: number;
  addOns: AddOnRule[];
  deliveryDates: string[];
  deliveryDatesEstimated: boolean;
}

/** What shipping can do for one cart now: the offers, and why each other option it knows is not one. */
export interface CartOffers {
  offers: PricedOffer[];
  notOffered: ReadonlyMap<string, string>;
}
