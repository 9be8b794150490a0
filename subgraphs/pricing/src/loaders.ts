// Per-request DataLoaders. A cart's priced fields (Cart.cost, each CartLine.cost, ...) all ask for
// the quote of the same cart: keyed by the request's canonical JSON, the quote is computed once per
// request and distinct cart state, at the request's one instant, from the rules in memory. Lines
// arrive one representation each; `lineCart` puts each line's cart back together from its batch.
import DataLoader from "dataloader";
import { cartsOfLines } from "./cart/cart-quote.rules.js";
import type { RequiredCart, RequiredCartLine } from "./cart/cart.type.js";
import { canonicalJson, type Quote } from "./quote/index.js";
import type { QuoteRequest, QuoteService } from "./quoting/quote.service.js";

export function createLoaders(quotes: QuoteService, at: Date) {
  return {
    quote: new DataLoader<QuoteRequest, Quote, string>(
      async (requests) => {
        const rules = await quotes.rules();
        return requests.map((request) => {
          try {
            return quotes.quoteWith(request, rules, at);
          } catch (error) {
            return error as Error;
          }
        });
      },
      { cacheKeyFn: canonicalJson },
    ),
    lineCart: new DataLoader<RequiredCartLine, RequiredCart, string>(async (lines) => cartsOfLines(lines), { cacheKeyFn: canonicalJson }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
