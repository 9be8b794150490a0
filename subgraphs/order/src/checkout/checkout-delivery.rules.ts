// How checkout treats the shopper's delivery choices: what a cart must hold before anything is
// reserved (a shipping selection; a guest's email), what shipping is asked to judge (the lines at
// the reservation's prices and weights, the address), how its answer reads, which services are
// priced at the catalog's prices of now, and what the order keeps of all of it. Pure: the checkout
// service calls these, tests call them with hand-made carts and answers.
import { DomainError, type UserErrorCode } from "@trolley/errors";
import { shippingPlaceOf, type JudgedShipping, type QuoteServiceRequest, type ShippingCartRequest, type ShippingJudgement, type ShippingSelectionRequest } from "@trolley/federation";
import type { Identity } from "@trolley/identity";
import type { PricedQuote } from "../clients/priced-quote.js";
import type { AddressRecord, OrderDeliveryRecord, OrderServiceLineRecord } from "../order/order-delivery.type.js";

/** A service line to write: the catalog's title and price, the quote's amounts, its order line by position. */
export type NewOrderServiceLine = Omit<OrderServiceLineRecord, "id" | "orderId" | "position" | "orderLineId"> & {
  /** The position of the order line it belongs to (order lines are written in the quote's order); null for a standalone service. */
  linePosition: number | null;
};

/** What checkout reads of the cart's delivery choices (the cart client's answer). */
export interface CartDelivery {
  email: string | null;
  shippingAddress: AddressRecord | null;
  shippingSelection: ShippingSelectionRequest | null;
  serviceLines: { id: string; serviceId: string; lineId: string | null; quantity: number }[];
}

/** A reserved line as shipping needs it: its product, quantity, price and weight. */
export interface ShippedLine {
  productId: string;
  quantity: number;
  unitPriceMinor: number;
  weightGrams: number;
}

/** A service offer as the catalog answers it now. */
export interface OfferedService {
  id: string;
  title: string;
  priceMinor: number;
  currencyCode: string;
}

/**
 * Refuses, before anything is reserved, a cart that cannot become an order yet: every order needs
 * a shipping selection, and a guest's its confirmation email (a user's account has one).
 */
export function requireDeliveryChoices(caller: Extract<Identity, { kind: "user" | "guest" }>, cart: CartDelivery): ShippingSelectionRequest {
  if (caller.kind === "guest" && !cart.email) throw new DomainError("EMAIL_REQUIRED", "Enter an email for the order confirmation (setCartEmail) before checking out.", ["email"]);
  if (!cart.shippingSelection) throw new DomainError("SHIPPING_REQUIRED", "Choose how the order ships (selectShipping) before checking out.", ["shipping"]);
  return cart.shippingSelection;
}

/** The cart's lines as shipping weighs and values them: at the reservation's prices and weights of now. */
export function shippedLines(lines: readonly { productId: string; quantity: number }[], reserved: readonly { productId: string; unitPriceMinor: number; weightGrams: number }[]): ShippedLine[] {
  const byProduct = new Map(reserved.map((line) => [line.productId, line]));
  return lines.map(({ productId, quantity }) => {
    const held = byProduct.get(productId);
    if (!held) throw new Error(`the stock reservation has no line for product ${productId}`);
    return { productId, quantity, unitPriceMinor: held.unitPriceMinor, weightGrams: held.weightGrams };
  });
}

/** The cart as shipping judges it at checkout: the reserved lines, where they go, the order's currency. */
export function shippingCartRequest(lines: readonly ShippedLine[], address: AddressRecord | null, currencyCode: string): ShippingCartRequest {
  return {
    lines: lines.map(({ productId, quantity, weightGrams, unitPriceMinor }) => ({ productId, quantity, weightGrams, unitPriceMinor: String(unitPriceMinor) })),
    address: address && shippingPlaceOf(address),
    currencyCode,
  };
}

/** The selection priced now, or shipping's refusal as checkout's (the selection no longer fits). */
export function judgedShipping(judgement: ShippingJudgement, currencyCode: string): JudgedShipping {
  if (judgement.refusal) {
    const { code, message, field } = judgement.refusal;
    throw new DomainError(code as UserErrorCode, `${message} Choose the shipping again before checking out.`, field ?? ["shipping"]);
  }
  const selected = judgement.selected!;
  if (selected.currencyCode !== currencyCode) throw new Error(`shipping priced the order in ${selected.currencyCode}, the order is in ${currencyCode}`);
  return selected;
}

/**
 * The cart's services as the quote prices them, at the catalog's prices of now. A service the
 * catalog no longer offers cannot be sold: SERVICE_NOT_AVAILABLE, and the shopper removes it.
 */
export function servicesToQuote(serviceLines: CartDelivery["serviceLines"], offers: Map<string, OfferedService>, currencyCode: string): QuoteServiceRequest[] {
  return serviceLines.map((line, index) => {
    const offer = offers.get(line.serviceId);
    if (!offer) throw new DomainError("SERVICE_NOT_AVAILABLE", "A service in the cart is no longer offered; remove it and check out again.", ["serviceLines", String(index)]);
    if (offer.currencyCode !== currencyCode) throw new Error(`service ${offer.id} is priced in ${offer.currencyCode}, the order is in ${currencyCode}`);
    return { id: line.id, lineId: line.lineId, quantity: line.quantity, unitPriceMinor: String(offer.priceMinor), currencyCode };
  });
}

/** What the order keeps of where and how it ships, and where its confirmation goes. */
export function deliverySnapshot(cart: CartDelivery, shipping: JudgedShipping): OrderDeliveryRecord {
  return {
    email: cart.email,
    shippingAddress: cart.shippingAddress,
    shipping: {
      optionId: shipping.optionId,
      title: shipping.title,
      priceMinor: Number(shipping.priceMinor),
      deliveryDate: shipping.deliveryDate,
      addOns: shipping.addOns.map(({ title, priceMinor }) => ({ title, priceMinor: Number(priceMinor) })),
    },
  };
}

/** The quote's price of the selection: the option and its add-ons, before shipping discounts. */
export const shippingPriceMinor = (shipping: JudgedShipping): string => shipping.totalMinor;

/**
 * What the order keeps of each service: the title and price it was sold at, the quote's subtotal
 * and tax, and its order line. The quote must have priced exactly the cart's service lines.
 */
export function serviceLinesSnapshot(quote: Pick<PricedQuote, "lines" | "services">, serviceLines: CartDelivery["serviceLines"], offers: Map<string, OfferedService>): NewOrderServiceLine[] {
  const byId = new Map(serviceLines.map((line) => [line.id, line]));
  if (quote.services.length !== serviceLines.length) throw new Error("the quote's services are not the cart's service lines");
  return quote.services.map((priced): NewOrderServiceLine => {
    const line = byId.get(priced.id);
    const offer = line && offers.get(line.serviceId);
    if (!line || !offer || offer.priceMinor !== priced.amountPerQuantityMinor) throw new Error(`the quote priced service line ${priced.id} otherwise than the catalog sells it`);
    const linePosition = priced.lineId === null ? null : quote.lines.findIndex((quoted) => quoted.id === priced.lineId);
    if (linePosition === -1) throw new Error(`service line ${priced.id} names a line the quote does not have`);
    return {
      serviceId: line.serviceId,
      title: offer.title,
      linePosition,
      quantity: priced.quantity,
      unitPriceMinor: priced.amountPerQuantityMinor,
      subtotalMinor: priced.subtotalMinor,
      taxMinor: priced.taxMinor,
    };
  });
}
