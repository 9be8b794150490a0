// A cart as the gateway hands it over (the @requires fields) turned into the quote's request: its
// lines, the services sold with them and the selected shipping's price. Pure. A line whose product
// the catalog could not give (it was down, or the product is gone), or a service line whose
// service it could not give, makes the cart unpriceable: its priced fields answer null with an
// error, never a made-up price.
import { multiplyMinor, parseAmount } from "@trolley/federation";
import { QuoteInputError, type QuoteLineInput, type QuoteServiceInput } from "../quote/index.js";
import type { QuoteRequest } from "../quoting/quote.service.js";
import type { RequiredCart, RequiredCartLine, RequiredCartServiceLine, RequiredLine, RequiredServiceLine } from "./cart.type.js";

export class CatalogDataMissing extends Error {
  constructor(readonly lineId: string, readonly of: "product" | "service" = "product") {
    super(of === "product" ? `cart line ${lineId} has no product data from the catalog` : `cart service line ${lineId} has no service data from the catalog`);
    this.name = "CatalogDataMissing";
  }
}

/** A batch of lines missed some of its cart's lines, so the cart's quote cannot be made from it. */
export class CartLinesIncomplete extends Error {
  constructor(readonly cartId: string, readonly missing: string[]) {
    super(`cart ${cartId}: lines ${missing.join(", ")} are not in the batch`);
    this.name = "CartLinesIncomplete";
  }
}

/**
 * Each line's cart, assembled from the lines of one batch: the cart's lines in the cart's own order,
 * each with the data its own representation carries. A line the cart does not hold among its lines
 * (saved for later) still gets its cart, and finds itself unpriced in the quote.
 */
export function cartsOfLines(lines: readonly RequiredCartLine[]): (RequiredCart | CartLinesIncomplete)[] {
  const byCart = new Map<string, Map<string, RequiredLine>>();
  for (const line of lines) {
    const batch = byCart.get(line.cart.id) ?? new Map<string, RequiredLine>();
    batch.set(line.id, { id: line.id, quantity: line.quantity, product: line.product });
    byCart.set(line.cart.id, batch);
  }
  const assembled = new Map<string, RequiredCart | CartLinesIncomplete>();
  return lines.map(({ cart }) => {
    const known = assembled.get(cart.id);
    if (known) return known;
    const batch = byCart.get(cart.id)!;
    const missing = cart.lines.filter(({ id }) => !batch.has(id)).map(({ id }) => id);
    const result = missing.length > 0
      ? new CartLinesIncomplete(cart.id, missing)
      : {
          id: cart.id,
          discountCodeEntries: cart.discountCodeEntries,
          lines: cart.lines.map(({ id }) => batch.get(id)!),
          shippingAddress: cart.shippingAddress,
          // A line's part of the quote does not depend on the services or the shipping: a line
          // does not carry them (its @requires stays small), so its cart is quoted without them.
          serviceLines: [],
          selectedShipping: null,
        };
    assembled.set(cart.id, result);
    return result;
  });
}

/** A price the catalog or shipping gave, in minor units; a text that is not an amount is their bug, not the shopper's. */
function minorOf(price: { amount: string; currencyCode: string }, what: string): number {
  const minor = parseAmount(price.amount, price.currencyCode);
  if (minor === null) throw new TypeError(`${what}: the price ${JSON.stringify(price.amount)} is not an amount`);
  return minor;
}

function quoteLine(line: RequiredLine): QuoteLineInput {
  const { product } = line;
  if (!product?.price) throw new CatalogDataMissing(line.id);
  const unitPriceMinor = minorOf(product.price, `cart line ${line.id}`);
  return {
    id: line.id,
    productId: product.id,
    quantity: line.quantity,
    unitPriceMinor,
    currencyCode: product.price.currencyCode,
    categoryIds: product.category ? [product.category.id] : [],
    taxCategory: product.taxCategory,
  };
}

/** A service line's unit price, from the catalog's price of its service; CatalogDataMissing without one. */
export function serviceUnitPrice(serviceLine: RequiredServiceLine): { unitPriceMinor: number; currencyCode: string } {
  const price = serviceLine.service?.price;
  if (!price) throw new CatalogDataMissing(serviceLine.id, "service");
  return { unitPriceMinor: minorOf(price, `cart service line ${serviceLine.id}`), currencyCode: price.currencyCode };
}

/** What a service line costs, as the quote prices it: the unit price times the quantity, exact in minor units. */
export function serviceLineSubtotal(serviceLine: RequiredServiceLine): { amountMinor: number; currencyCode: string } {
  const { unitPriceMinor, currencyCode } = serviceUnitPrice(serviceLine);
  return { amountMinor: multiplyMinor(unitPriceMinor, serviceLine.quantity), currencyCode };
}

function quoteService(serviceLine: RequiredCartServiceLine): QuoteServiceInput {
  const { unitPriceMinor, currencyCode } = serviceUnitPrice(serviceLine);
  return { id: serviceLine.id, lineId: serviceLine.lineId, quantity: serviceLine.quantity, unitPriceMinor, currencyCode };
}

/**
 * The cart's currency is its lines' (the engine refuses a mix, services included), or its
 * services' when it has no lines; an empty cart's is the shop's. The selected shipping's price
 * (option plus add-ons) is taken in the cart's currency: one in another is refused as a mix.
 */
export function cartQuoteRequest(cart: RequiredCart, storeCurrency: string): QuoteRequest {
  const lines = cart.lines.map(quoteLine);
  const services = cart.serviceLines.map(quoteService);
  const currencyCode = lines[0]?.currencyCode ?? services[0]?.currencyCode ?? storeCurrency;
  const shipping = cart.selectedShipping?.price ?? null;
  if (shipping && shipping.currencyCode !== currencyCode) {
    throw new QuoteInputError("CURRENCY_MISMATCH", `shipping is priced in ${shipping.currencyCode}, the quote in ${currencyCode}`);
  }
  return {
    currencyCode,
    lines,
    services,
    codes: cart.discountCodeEntries,
    // Before an address: the shop's default place's tax, estimated.
    address: cart.shippingAddress && { countryCode: cart.shippingAddress.countryCode, provinceCode: cart.shippingAddress.provinceCode ?? null },
    // Null when nothing is selected, or the selection no longer fits the cart.
    shippingPriceMinor: shipping && minorOf(shipping, "the selected shipping"),
  };
}
