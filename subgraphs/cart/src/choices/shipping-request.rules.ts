// A cart as the shipping context's judgeShippingSelection sees it (ShippingCartInput): each line's
// quantity, weight and unit price (digits of minor units), the place it ships to, the currency.
// Pure. Shipping prices by weight brackets and goods value, so these are all it is sent.
import { parseAmount, shippingPlaceOf, type ShippingCartRequest, type ShippingLineRequest } from "@trolley/federation";
import type { CatalogProduct } from "../clients/catalog.client.js";
import type { ShippingAddress } from "./address.rules.js";

export interface ShippedLine {
  productId: string;
  quantity: number;
}

/**
 * The lines as shipping prices them, from the catalog's answer. A line whose product the catalog
 * no longer knows is left out (shipping cannot weigh or value it, and the cart's quote leaves it
 * out too).
 */
export function shippingLinesOf(lines: ShippedLine[], products: Map<string, CatalogProduct>): ShippingLineRequest[] {
  const shipped: ShippingLineRequest[] = [];
  for (const line of lines) {
    const product = products.get(line.productId);
    if (!product) continue;
    const unitPriceMinor = parseAmount(product.price.amount, product.price.currencyCode);
    if (unitPriceMinor === null) throw new TypeError(`the catalog's price ${JSON.stringify(product.price.amount)} of product ${product.id} is not an amount`);
    shipped.push({ productId: line.productId, quantity: line.quantity, weightGrams: product.weightGrams, unitPriceMinor: String(unitPriceMinor) });
  }
  return shipped;
}


/**
 * The cart for judgeShippingSelection. Without an address shipping judges for the shop's default
 * country; the currency is the lines' (the first priced line's), or the shop's for a cart without.
 */
export function shippingCartRequest(lines: ShippedLine[], products: Map<string, CatalogProduct>, address: ShippingAddress | null, storeCurrency: string): ShippingCartRequest {
  const currencyCode = lines.map((line) => products.get(line.productId)?.price.currencyCode).find((code) => code !== undefined) ?? storeCurrency;
  return { lines: shippingLinesOf(lines, products), address: address && shippingPlaceOf(address), currencyCode };
}
