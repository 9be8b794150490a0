// A cart as the gateway hands it over (the @requires fields) turned into the quote's request.
// Pure. A line whose product the catalog could not give (it was down, or the product is gone)
// makes the cart unpriceable: its priced fields answer null with an error, never a made-up price.
import { parseAmount } from "@trolley/federation";
import type { QuoteLineInput } from "../quote/index.js";
import type { QuoteRequest } from "../quoting/quote.service.js";
import type { RequiredCart, RequiredLine } from "./cart.type.js";

export class CatalogDataMissing extends Error {
  constructor(readonly lineId: string) {
    super(`cart line ${lineId} has no product data from the catalog`);
    this.name = "CatalogDataMissing";
  }
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
    codes: cart.discountCodeEntries,
    // The shopper's address and shipping selection are not part of the cart yet: the default
    // place's tax, estimated, and no shipping.
    address: null,
    shippingPriceMinor: null,
  };
}
