// Per-request DataLoaders. A cart's priced fields (Cart.cost, each CartLine.cost, ...) all ask for
// the quote of the same cart: keyed by the request's canonical JSON, the quote is computed once per
// request and distinct cart state, at the request's one instant, from the rules in memory.
import DataLoader from "dataloader";
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
