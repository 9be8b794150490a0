// How checkout prices an order: the quote request from the cart's lines at the prices, tax
// categories and categories the stock reservation answered; the expectedTotal guard; the codes to
// reserve; and the snapshot an order keeps of the quote. Pure: the checkout service calls these,
// tests call them with hand-made quotes.
import { DomainError } from "@trolley/errors";
import { parseAmount } from "@trolley/federation";
import type { Identity } from "@trolley/identity";
import type { CartSnapshot } from "../clients/cart.client.js";
import type { ReservedLine } from "../clients/catalog.client.js";
import type { PricedQuote } from "../clients/priced-quote.js";
import type { QuoteCustomer, QuoteRequest } from "../clients/pricing.client.js";
import type { QuoteServiceRequest } from "@trolley/federation";
import type { OrderCostRecord } from "../order/order-cost.type.js";
import type { OrderLineRecord } from "../order/order.type.js";

/** An order line to write: the reservation's name and price, the quote's amounts. */
export type NewOrderLine = Omit<OrderLineRecord, "id" | "orderId" | "position">;

export interface OrderSnapshot {
  cost: OrderCostRecord;
  quoteHash: string;
  lines: NewOrderLine[];
}

/** What OrderCreated says of each promotion the order got. */
export interface OrderPromotion {
  promotionId: string;
  code: string | null;
  amountMinor: number;
}

/** Per-customer limits count by the user; a guest is known by the cart's email. */
export function customerOf(caller: Extract<Identity, { kind: "user" | "guest" }>, cartEmail: string | null = null): QuoteCustomer {
  return caller.kind === "user" ? { userId: caller.subject, email: null } : { userId: null, email: cartEmail };
}

/** What the quote prices besides the lines: the services at the catalog's prices of now, the shipping as judged now. */
export interface QuotedDelivery {
  services: QuoteServiceRequest[];
  /** The selected option plus add-ons (digits of minor units); null for an order without shipping. */
  shippingPriceMinor: string | null;
}

const reservedByProduct = (reserved: readonly ReservedLine[]) => new Map(reserved.map((line) => [line.productId, line]));

/**
 * The cart priced as the shopper saw it: its lines in its order and with its ids (line discounts
 * are allocated by position, so another order could move a cent), at the reservation's prices.
 */
export function quoteRequest(
  cart: Pick<CartSnapshot, "lines" | "codes" | "shippingAddress">,
  reserved: readonly ReservedLine[],
  currencyCode: string,
  customer: QuoteCustomer,
  delivery: QuotedDelivery = { services: [], shippingPriceMinor: null },
): QuoteRequest {
  const byProduct = reservedByProduct(reserved);
  return {
    lines: cart.lines.map((line) => {
      const held = byProduct.get(line.productId);
      if (!held) throw new Error(`the stock reservation has no line for product ${line.productId}`);
      return {
        id: line.id,
        productId: line.productId,
        quantity: line.quantity,
        unitPriceMinor: String(held.unitPriceMinor),
        currencyCode: held.currencyCode,
        taxCategory: held.taxCategory,
        categoryId: held.categoryId,
      };
    }),
    services: delivery.services,
    codes: cart.codes,
    // Before an address: the shop's default place.
    address: cart.shippingAddress && { countryCode: cart.shippingAddress.countryCode, provinceCode: cart.shippingAddress.provinceCode },
    shippingPriceMinor: delivery.shippingPriceMinor,
    currencyCode,
    customer,
  };
}

/** The shopper's expectedTotal in minor units of the order's currency; null when none was sent. */
export function expectedTotalMinor(expectedTotal: string | null | undefined, currencyCode: string): number | null {
  if (expectedTotal === null || expectedTotal === undefined) return null;
  const minor = parseAmount(expectedTotal, currencyCode);
  if (minor === null) {
    throw new DomainError("INVALID_ARGUMENT", `\`expectedTotal\` must be a decimal amount in ${currencyCode}, such as "12.50".`, ["expectedTotal"]);
  }
  return minor;
}

/** Refuses when the shopper saw another total than the quote has now. */
export function checkExpectedTotal(expectedMinor: number | null, quote: Pick<PricedQuote, "totalMinor">): void {
  if (expectedMinor !== null && expectedMinor !== quote.totalMinor) {
    throw new DomainError("CART_CHANGED", "The cart's total changed since you saw it (a price, promotion or tax changed); review the cart and check out again.", ["expectedTotal"]);
  }
}

/** The codes the quote applied, once each (as the shopper entered them); codes held but not applied reserve nothing. */
export function appliedCodes(quote: Pick<PricedQuote, "discounts">): string[] {
  const codes = new Map<string, string>();
  for (const { code } of quote.discounts) if (code !== null && !codes.has(code.toLowerCase())) codes.set(code.toLowerCase(), code);
  return [...codes.values()];
}

export const orderPromotions = (quote: Pick<PricedQuote, "discounts">): OrderPromotion[] =>
  quote.discounts.map(({ promotionId, code, amountMinor }) => ({ promotionId, code, amountMinor }));

/**
 * What the order keeps: the quote's amounts, and per line the reservation's name and price with
 * the quote's share. The quote must have priced exactly what was reserved, at the reserved prices.
 */
export function orderSnapshot(quote: PricedQuote, reserved: readonly ReservedLine[]): OrderSnapshot {
  const byProduct = reservedByProduct(reserved);
  const quoted = new Map<string, number>();
  const lines = quote.lines.map((line): NewOrderLine => {
    const held = byProduct.get(line.productId);
    if (!held || held.unitPriceMinor !== line.amountPerQuantityMinor) throw new Error(`the quote priced product ${line.productId} otherwise than it was reserved`);
    quoted.set(line.productId, (quoted.get(line.productId) ?? 0) + line.quantity);
    return {
      productId: line.productId,
      productName: held.productName,
      unitPriceMinor: held.unitPriceMinor,
      quantity: line.quantity,
      subtotalMinor: line.subtotalMinor,
      discountTotalMinor: line.discountTotalMinor,
      taxMinor: line.taxMinor,
      totalMinor: line.totalMinor,
    };
  });
  if (quoted.size !== byProduct.size || reserved.some((line) => quoted.get(line.productId) !== line.quantity)) {
    throw new Error("the quote's lines are not the reserved lines");
  }
  return {
    cost: {
      subtotalMinor: quote.subtotalMinor,
      servicesSubtotalMinor: quote.servicesSubtotalMinor,
      shippingMinor: quote.shippingMinor ?? 0,
      discounts: quote.discounts.map(({ code, title, target, amountMinor }) => ({ code, title, target, amountMinor })),
      discountTotalMinor: quote.discountTotalMinor,
      taxMinor: quote.taxMinor,
      taxIncluded: quote.taxIncluded,
      totalMinor: quote.totalMinor,
    },
    quoteHash: quote.hash,
    lines,
  };
}
