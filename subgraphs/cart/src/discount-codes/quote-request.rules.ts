// A cart as pricing's quote request (QuoteRequestInput): the cart's lines with the catalog's
// prices, tax categories and categories, the codes it holds (or would hold), and its customer.
// Pure. The cart's shipping address and selection are not sent: pricing then estimates tax for the
// shop's default place, with no shipping.
import { parseAmount } from "@trolley/federation";
import { GUEST_PREFIX } from "@trolley/identity";
import type { CatalogProduct } from "../clients/catalog.client.js";
import type { QuoteCustomer, QuoteLineRequest, QuoteRequest } from "../clients/pricing.client.js";

export interface QuotedLine {
  id: string;
  productId: string;
  quantity: number;
}

/** Per-customer limits count against a signed-in user; a guest is nobody until carts have an email. */
export const customerOf = (ownerId: string): QuoteCustomer => ({ userId: ownerId.startsWith(GUEST_PREFIX) ? null : ownerId, email: null });

/**
 * A line whose product the catalog no longer knows cannot be priced, and is left out: the quote
 * the shopper sees cannot price it either. An empty cart's currency is the shop's.
 */
export function quoteRequest(lines: QuotedLine[], codes: string[], products: Map<string, CatalogProduct>, customer: QuoteCustomer, storeCurrency: string): QuoteRequest {
  const quoted: QuoteLineRequest[] = [];
  for (const line of lines) {
    const product = products.get(line.productId);
    if (!product) continue;
    const unitPriceMinor = parseAmount(product.price.amount, product.price.currencyCode);
    if (unitPriceMinor === null) throw new TypeError(`the catalog's price ${JSON.stringify(product.price.amount)} of product ${product.id} is not an amount`);
    quoted.push({
      id: line.id,
      productId: line.productId,
      quantity: line.quantity,
      unitPriceMinor: String(unitPriceMinor),
      currencyCode: product.price.currencyCode,
      taxCategory: product.taxCategory,
      categoryId: product.categoryId,
    });
  }
  return {
    lines: quoted,
    codes,
    address: null,
    shippingPriceMinor: null,
    currencyCode: quoted[0]?.currencyCode ?? storeCurrency,
    customer,
  };
}
