// A cart as the gateway hands it over (the @requires fields) turned into the quote's request.
// Pure. A line whose product the catalog could not give (it was down, or the product is gone)
// makes the cart unpriceable: its priced fields answer null with an error, never a made-up price.
import { parseAmount } from "@trolley/federation";
import type { QuoteLineInput } from "../quote/index.js";
import type { QuoteRequest } from "../quoting/quote.service.js";
import type { RequiredCart, RequiredCartLine, RequiredLine } from "./cart.type.js";

export class CatalogDataMissing extends Error {
  constructor(readonly lineId: string) {
    super(`cart line ${lineId} has no product data from the catalog`);
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
      : { id: cart.id, discountCodeEntries: cart.discountCodeEntries, lines: cart.lines.map(({ id }) => batch.get(id)!), shippingAddress: cart.shippingAddress };
    assembled.set(cart.id, result);
    return result;
  });
}

function quoteLine(line: RequiredLine): QuoteLineInput {
  const { product } = line;
  if (!product?.price) throw new CatalogDataMissing(line.id);
  const unitPriceMinor = parseAmount(product.price.amount, product.price.currencyCode);
  if (unitPriceMinor === null) throw new TypeError(`cart line ${line.id}: the catalog's price ${JSON.stringify(product.price.amount)} is not an amount`);
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

/** The cart's currency is its lines' (the engine refuses a mix); an empty cart's is the shop's. */
export function cartQuoteRequest(cart: RequiredCart, storeCurrency: string): QuoteRequest {
  const lines = cart.lines.map(quoteLine);
  return {
    currencyCode: lines[0]?.currencyCode ?? storeCurrency,
    lines,
    services: [],
    codes: cart.discountCodeEntries,
    // Before an address: the shop's default place's tax, estimated.
    address: cart.shippingAddress && { countryCode: cart.shippingAddress.countryCode, provinceCode: cart.shippingAddress.provinceCode ?? null },
    // The shipping selection's price is not part of the cart's representation yet.
    shippingPriceMinor: null,
  };
}
