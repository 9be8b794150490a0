// The facts the cart publishes (stream `cart-events`), one builder per event type. The payload
// says what changed in the owner's terms: which product, from what quantity to what. Of an
// address, events carry the place (what tax, shipping and reports go by), not the recipient's
// name, street or phone: those stay in the cart, and the order keeps its own copy.

export type CartEventType =
  | "CartItemAdded"
  | "CartItemRemoved"
  | "CartItemQuantityChanged"
  | "CartCleared"
  | "CartMerged"
  | "CartAbandoned"
  | "CartCheckedOut"
  | "PromoCodeApplied"
  | "PromoCodeRemoved"
  | "CartEmailProvided"
  | "ShippingAddressProvided"
  | "ShippingMethodSelected"
  | "DeliveryDateSelected"
  | "ServiceAdded"
  | "ServiceRemoved";

export interface CartFact {
  type: CartEventType;
  data: Record<string, unknown>;
}

type LineSnapshot = { productId: string; quantity: number };

/** A line as events list it. */
export const lineSnapshot = ({ productId, quantity }: LineSnapshot): LineSnapshot => ({ productId, quantity });

export const itemAdded = (productId: string, added: number, quantity: number, source: "ADD" | "BULK" | "MOVED_FROM_SAVED" = "ADD"): CartFact => ({
  type: "CartItemAdded",
  data: { productId, added, quantity, source },
});

export const itemRemoved = (productId: string, quantity: number, reason: "REMOVED" | "UPDATED_TO_ZERO" | "SAVED_FOR_LATER" = "REMOVED"): CartFact => ({
  type: "CartItemRemoved",
  data: { productId, quantity, reason },
});

export const quantityChanged = (productId: string, from: number, to: number): CartFact => ({
  type: "CartItemQuantityChanged",
  data: { productId, from, to },
});

export const cleared = (lines: LineSnapshot[]): CartFact => ({ type: "CartCleared", data: { lines } });

/** A service line as events name it: which service, on which line (null: the cart's own), and its id. */
type ServiceLineSnapshot = { serviceId: string; lineId: string | null; serviceLineId: string };

/** A service line as events list it. */
export const serviceLineSnapshot = ({ id, serviceId, lineId }: { id: string; serviceId: string; lineId: string | null }): ServiceLineSnapshot => ({
  serviceId,
  lineId,
  serviceLineId: id,
});

/**
 * `codes`: the guest's codes that came along (those the user's cart did not hold yet); `services`:
 * the guest's service lines that came along, as the user's cart now holds them.
 */
export const merged = (
  guestCartId: string,
  guestId: string,
  lines: LineSnapshot[],
  codes: string[],
  services: ServiceLineSnapshot[],
  warnings: string[],
): CartFact => ({
  type: "CartMerged",
  data: { guestCartId, guestId, lines, codes, services, warnings },
});

export const abandoned = (lastActivityAt: Date, lines: LineSnapshot[]): CartFact => ({
  type: "CartAbandoned",
  data: { lastActivityAt: lastActivityAt.toISOString(), lines, totalQuantity: lines.reduce((sum, l) => sum + l.quantity, 0) },
});

export const checkedOut = (orderId: string, orderNumber: string): CartFact => ({ type: "CartCheckedOut", data: { orderId, orderNumber } });

/** `code` as the shopper entered it. */
export const promoCodeApplied = (code: string): CartFact => ({ type: "PromoCodeApplied", data: { code } });

/** `code` as the cart held it. */
export const promoCodeRemoved = (code: string): CartFact => ({ type: "PromoCodeRemoved", data: { code } });

/** The email as the cart holds it: what a consumer reaching the shopper (a reminder, a receipt) needs. */
export const emailProvided = (email: string): CartFact => ({ type: "CartEmailProvided", data: { email } });

/** `shippingSelectionDropped`: the selection no longer fitted the new place and went with this change. */
export const shippingAddressProvided = (
  { countryCode, provinceCode, postalCode }: { countryCode: string; provinceCode: string | null; postalCode: string },
  shippingSelectionDropped: boolean,
): CartFact => ({ type: "ShippingAddressProvided", data: { countryCode, provinceCode, postalCode, shippingSelectionDropped } });

export const shippingMethodSelected = (optionId: string, addOnIds: string[]): CartFact => ({ type: "ShippingMethodSelected", data: { optionId, addOnIds } });

/** `date`: the calendar day chosen (YYYY-MM-DD), for the option selected with it. */
export const deliveryDateSelected = (optionId: string, date: string): CartFact => ({ type: "DeliveryDateSelected", data: { optionId, date } });

export const serviceAdded = (serviceLine: { id: string; serviceId: string; lineId: string | null }): CartFact => ({
  type: "ServiceAdded",
  data: serviceLineSnapshot(serviceLine),
});

/** REMOVED: the shopper removed it; LINE_REMOVED: its line left the cart (removed, cleared or saved for later). */
export const serviceRemoved = (serviceLine: { id: string; serviceId: string; lineId: string | null }, reason: "REMOVED" | "LINE_REMOVED"): CartFact => ({
  type: "ServiceRemoved",
  data: { ...serviceLineSnapshot(serviceLine), reason },
});
