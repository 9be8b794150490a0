// The one place a quote is made: a cart's lines, codes, address and shipping (a QuoteRequest),
// priced with the rules in memory, or read fresh from Postgres where the quote is about to be
// charged (checkout). The instant promotions are judged at is the caller's, so every field of one
// request is priced at the same moment.
import type { Clock } from "@trolley/http";
import { computeQuote, type Quote, type QuoteAddressInput, type QuoteInput, type QuoteLineInput, type QuoteServiceInput, type ShopSettings } from "../quote/index.js";
import type { RulesCache } from "../pricing-rules/rules-cache.js";
import type { PricingRules } from "../pricing-rules/pricing-rules.mapping.js";

/** A cart as the quote sees it: the catalog's prices for its lines, and the shopper's choices. */
export interface QuoteRequest {
  currencyCode: string;
  lines: QuoteLineInput[];
  /** Services sold with the goods, each on a line or standalone. */
  services: QuoteServiceInput[];
  /** As the shopper entered them, in entry order. */
  codes: string[];
  /** Null until the shopper gives one: tax is then estimated for the shop's default place. */
  address: QuoteAddressInput | null;
  /** Null until a shipping option is selected. */
  shippingPriceMinor: number | null;
}

export class QuoteService {
  constructor(
    private readonly cache: RulesCache,
    private readonly shop: ShopSettings,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** The rules to quote with: the cache's, or (fresh) what Postgres holds right now. */
  rules(fresh = false): Promise<PricingRules> {
    return fresh ? this.cache.readFresh() : this.cache.current();
  }

  async quote(request: QuoteRequest, options: { fresh?: boolean; at?: Date } = {}): Promise<Quote> {
    return this.quoteWith(request, await this.rules(options.fresh), options.at ?? this.now());
  }

  quoteWith(request: QuoteRequest, rules: PricingRules, at: Date): Quote {
    return computeQuote(this.input(request, rules, at));
  }

  /** What the engine is given for `request` under `rules` at `at`. */
  input(request: QuoteRequest, rules: PricingRules, at: Date): QuoteInput {
    return {
      currencyCode: request.currencyCode,
      at,
      shop: this.shop,
      lines: request.lines,
      services: request.services,
      shipping: request.shippingPriceMinor === null ? null : { priceMinor: request.shippingPriceMinor, currencyCode: request.currencyCode },
      address: request.address,
      codes: request.codes,
      promotions: rules.promotions,
      taxRates: rules.taxRates,
    };
  }
}
