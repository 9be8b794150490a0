// The quote behind a cart's priced fields, through the request's loader (one computation per
// request and cart state). What cannot be priced fails the field with an error naming the service
// at fault: the catalog when its data is missing (the gateway folds that into the catalog's own
// outage error), pricing itself when its rules could not be loaded.
import { serviceUnavailable } from "@trolley/errors";
import type { Quote, QuoteLine } from "../quote/index.js";
import { RulesNotLoaded } from "../pricing-rules/rules-cache.js";
import type { PricingContext } from "../context.js";
import { CatalogDataMissing, cartQuoteRequest } from "./cart-quote.rules.js";
import type { RequiredCart } from "./cart.type.js";

export async function quoteOfCart(cart: RequiredCart, ctx: PricingContext): Promise<Quote> {
  try {
    return await ctx.loaders.quote.load(cartQuoteRequest(cart, ctx.storeCurrency));
  } catch (error) {
    if (error instanceof CatalogDataMissing) throw serviceUnavailable("catalog");
    if (error instanceof RulesNotLoaded) {
      ctx.logger.error("no pricing rules to quote with", { error });
      throw serviceUnavailable("pricing");
    }
    throw error;
  }
}

/** A line's part of its cart's quote; null for a line the quote does not price (saved for later). */
export async function quoteOfLine(line: { id: string; cart: RequiredCart }, ctx: PricingContext): Promise<{ quote: Quote; line: QuoteLine } | null> {
  const quote = await quoteOfCart(line.cart, ctx);
  const priced = quote.lines.find((candidate) => candidate.id === line.id);
  return priced ? { quote, line: priced } : null;
}
