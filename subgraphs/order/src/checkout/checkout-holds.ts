// What a checkout holds in other contexts while it runs: stock in the catalog and discount code
// uses in pricing, both under the checkout claim's id, so every call is idempotent on it and the
// order's later OrderPaid / OrderCancelled settle both. Releasing is safe to repeat, and safe for
// a checkout that never got that far (the id then names nothing).
import { DomainError } from "@trolley/errors";
import { SubgraphUnavailable } from "@trolley/http";
import type { CatalogClient, ReservedLine, ServiceOfferNow } from "../clients/catalog.client.js";
import type { ShippingCartRequest, ShippingClient, ShippingJudgement, ShippingSelectionRequest } from "../clients/shipping.client.js";
import type { PricingClient, QuoteCustomer, QuoteRequest } from "../clients/pricing.client.js";
import type { PricedQuote } from "../clients/priced-quote.js";

/** What a caller is told when a context could not be reached: nothing was placed, retry. */
const UNAVAILABLE = {
  catalog: () => new DomainError("CATALOG_UNAVAILABLE", "The catalog could not be reached; no order was placed. Please retry."),
  pricing: () => new DomainError("PRICING_UNAVAILABLE", "Prices could not be confirmed; no order was placed. Please retry."),
  shipping: () => new DomainError("SHIPPING_UNAVAILABLE", "The shipping could not be confirmed; no order was placed. Please retry."),
};

async function orUnavailable<T>(service: keyof typeof UNAVAILABLE, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SubgraphUnavailable) throw UNAVAILABLE[service]();
    throw error;
  }
}

export class CheckoutHolds {
  constructor(
    private readonly catalog: CatalogClient,
    private readonly pricing: PricingClient,
    private readonly shipping: ShippingClient,
  ) {}

  /** The shopper's selection judged again for the reserved lines, from shipping's options of now (not its cache). */
  judgeShipping(cart: ShippingCartRequest, selection: ShippingSelectionRequest): Promise<ShippingJudgement> {
    return orUnavailable("shipping", () => this.shipping.judge(cart, selection));
  }

  /** The service offers the catalog still sells, at their prices of now. */
  serviceOffers(ids: readonly string[]): Promise<Map<string, ServiceOfferNow>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return orUnavailable("catalog", () => this.catalog.serviceOffers(ids));
  }

  /**
   * Holds stock for every line or none, at the prices, tax categories and categories of now.
   * A refusal (out of stock, unknown product) throws its DomainError having held nothing;
   * CATALOG_UNAVAILABLE may have held it (the answer may be what was lost).
   */
  async reserveStock(reservationId: string, lines: { productId: string; quantity: number }[]): Promise<ReservedLine[]> {
    const reservation = await orUnavailable("catalog", () => this.catalog.reserve(reservationId, lines));
    if (reservation.ok) return reservation.lines;
    const [first, ...rest] = reservation.errors;
    throw first ? DomainError.of([first, ...rest]) : UNAVAILABLE.catalog();
  }

  /** The quote from the rules and rates in pricing's database now (not its cache). */
  quote(request: QuoteRequest): Promise<PricedQuote> {
    return orUnavailable("pricing", () => this.pricing.quote(request));
  }

  /** One use of each code, all or none; DISCOUNT_CODE_USED_UP (or another refusal) holds none. */
  async reserveCodes(reservationId: string, codes: string[], customer: QuoteCustomer): Promise<void> {
    if (codes.length === 0) return;
    const answer = await orUnavailable("pricing", () => this.pricing.reserveCodes(reservationId, codes, customer));
    if (!answer.ok) throw DomainError.of(answer.errors);
  }

  /** Gives back whatever the checkout may hold: stock, then (when it may hold some) code uses. Throws when a context cannot be reached. */
  async release(reservationId: string, options: { codes: boolean } = { codes: true }): Promise<void> {
    await this.catalog.release(reservationId);
    if (options.codes) await this.pricing.releaseCodes(reservationId);
  }
}
