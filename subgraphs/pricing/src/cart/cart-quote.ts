// The quote behind a cart's priced fields, through the request's loader (one computation per
// request and cart state). What cannot be priced fails the field with an error naming the service
// at fault: the catalog when its data is missing (the gateway folds that into the catalog's own
// outage error), pricing itself when its rules could not be loaded.
import { serviceUnavailable } from "@trolley/errors";
import type { Quote, QuoteLine } from "../quote/index.js";
import { RulesNotLoaded } from "../pricing-rules/rules-cache.js";
import type { PricingContext } from "../context.js";
import { CartLinesIncomplete, CatalogDataMissing, cartQuoteRequest } from "./cart-quote.rules.js";
import type { RequiredCart, RequiredCartLine } from "./cart.type.js";

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
export async function quoteOfLine(line: RequiredCartLine, ctx: PricingContext): Promise<{ quote: Quote; line: QuoteLine } | null> {
  let cart: RequiredCart;
  try {
    cart = await ctx.loaders.lineCart.load(line);
  } catch (error) {
    // Only a caller that asks for some of a cart's lines by hand gets here: the gateway always
    // sends a cart's lines together.
    if (error instanceof CartLinesIncomplete) ctx.logger.warn("line priced without the rest of its cart", { cartId: error.cartId, missing: error.missing });
    throw error;
  }
  const quote = await quoteOfCart(cart, ctx);
  const priced = quote.lines.find((candidate) => candidate.id === line.id);
  return priced ? { quote, line: priced } : null;
}
