// Prices a cart's lines at current catalog prices. Pure: products in, integer minor units out.
import { multiplyMinor, sumMinor } from "@trolley/federation";
import type { ProductRecord } from "../product/product.type.js";

export interface LineToPrice {
  productId: string;
  quantity: number;
}

export class PricingError extends Error {}

export function lineSubtotalMinor(line: LineToPrice, product: ProductRecord | null): number {
  if (!product) throw new PricingError(`product ${line.productId} is not in the catalog`);
  return multiplyMinor(product.priceMinor, line.quantity);
}

/** Sum of line subtotals, in the one currency every line shares (the store's when empty). */
export function cartSubtotal(lines: LineToPrice[], products: (ProductRecord | null)[], storeCurrency: string) {
  const subtotals = lines.map((line, index) => {
    const product = products[index];
    const subtotal = lineSubtotalMinor(line, product);
    if (product!.currencyCode !== storeCurrency) throw new PricingError(`product ${product!.id} is priced in ${product!.currencyCode}, not ${storeCurrency}`);
    return subtotal;
  });
  return { amountMinor: sumMinor(subtotals), currencyCode: storeCurrency };
}
