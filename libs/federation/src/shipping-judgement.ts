// What a service sends the shipping context to judge a shipping selection for a cart (its
// judgeShippingSelection operation), and what it answers: declared once here for both callers (the
// cart when the shopper selects or moves, the order at checkout); shipping's GraphQL input and
// output types are the other side. Amounts travel as digit strings of minor units.

/** One line of the cart, with what shipping prices by: weight, and the line's goods value. */
export interface ShippingLineRequest {
  productId: string;
  quantity: number;
  weightGrams: number;
  unitPriceMinor: string;
}

export interface ShippingAddressRequest {
  countryCode: string;
  provinceCode: string | null;
  postalCode: string;
}

/** Where shipping judges a parcel to go: country, province and postal code of an address, nothing personal. */
export const shippingPlaceOf = ({ countryCode, provinceCode, postalCode }: { countryCode: string; provinceCode: string | null; postalCode: string }): ShippingAddressRequest => ({
  countryCode,
  provinceCode,
  postalCode,
});

/** Shipping's ShippingCartInput: address null before the shopper gives one (the shop's default country). */
export interface ShippingCartRequest {
  lines: ShippingLineRequest[];
  address: ShippingAddressRequest | null;
  currencyCode: string;
}

/** Shipping's ShippingSelectionInput: what the shopper chose. */
export interface ShippingSelectionRequest {
  optionId: string;
  deliveryDate: string | null;
  addOnIds: string[];
}

export type ShippingRefusalCode = "SHIPPING_OPTION_UNAVAILABLE" | "DELIVERY_DATE_UNAVAILABLE" | "SHIPPING_ADD_ON_UNAVAILABLE";

/** The selection priced now: what checkout snapshots into the order. */
export interface JudgedShipping {
  optionId: string;
  title: string;
  priceMinor: string;
  currencyCode: string;
  deliveryDate: string | null;
  addOns: { id: string; title: string; priceMinor: string }[];
  /** The option plus its add-ons, before shipping discounts. */
  totalMinor: string;
}

/** Shipping's ShippingJudgement: a refusal, or the selection priced. */
export interface ShippingJudgement {
  refusal: { code: ShippingRefusalCode; message: string; field: string[] | null } | null;
  selected: JudgedShipping | null;
}
