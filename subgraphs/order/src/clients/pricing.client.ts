// Checkout's calls to the pricing context, with the order's service identity and a timeout: the
// cart's quote computed fresh (rules and rates read from pricing's database, not its cache), and
// the reservation of the discount codes that quote applied, and its release. Reservations are
// keyed by the checkout claim's id, the same id the catalog's stock reservation uses, and are
// idempotent on it. Any failure to get a usable answer is SubgraphUnavailable("pricing").
import type { UserErrorData } from "@trolley/errors";
import { callSubgraph, SubgraphUnavailable, type SubgraphEndpoint } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";
import { readQuoteAnswer, type PricedQuote, type QuoteAnswer } from "./priced-quote.js";
import type { QuoteCustomer, QuoteRequest } from "@trolley/federation";

export type { QuoteCustomer, QuoteLineRequest, QuoteRequest } from "@trolley/federation";

export type CodeReservationResult = { ok: true } | { ok: false; errors: [UserErrorData, ...UserErrorData[]] };

export interface PricingClient {
  /** The quote of these lines and codes from the rules and rates in effect now. */
  quote(request: QuoteRequest): Promise<PricedQuote>;
  /** Reserves one use of each code (all or none); a repeat with the same id answers the same. */
  reserveCodes(reservationId: string, codes: string[], customer: QuoteCustomer): Promise<CodeReservationResult>;
  /** Releases the reservation's uses that are still only reserved; idempotent. */
  releaseCodes(reservationId: string): Promise<void>;
}

const QUOTE = `query CheckoutQuote($request: QuoteRequestInput!) {
  quoteCart(request: $request, fresh: true) { quoteJson hash totalMinor currencyCode }
}`;
const RESERVE = `mutation ReserveCodes($reservationId: ID!, $codes: [String!]!, $customer: QuoteCustomerInput) {
  reserveDiscountCodes(reservationId: $reservationId, codes: $codes, customer: $customer) { ok userErrors { code field message } }
}`;
const RELEASE = `mutation ReleaseCodes($reservationId: ID!) { releaseDiscountCodes(reservationId: $reservationId) }`;

export function httpPricingClient(endpoint: Omit<SubgraphEndpoint, "service">): PricingClient {
  const target = { ...endpoint, service: "pricing" };
  const identity = serviceIdentity("order");
  return {
    async quote(request) {
      const { quoteCart } = await callSubgraph<{ quoteCart: QuoteAnswer }>(target, identity, QUOTE, { request });
      const quote = quoteCart && readQuoteAnswer(quoteCart);
      if (!quote) throw new SubgraphUnavailable("pricing", "unexpected quote answer");
      return quote;
    },
    async reserveCodes(reservationId, codes, customer) {
      const { reserveDiscountCodes: answer } = await callSubgraph<{ reserveDiscountCodes: { ok: boolean; userErrors: UserErrorData[] } }>(target, identity, RESERVE, {
        reservationId,
        codes,
        customer,
      });
      if (!answer || typeof answer.ok !== "boolean" || !Array.isArray(answer.userErrors)) throw new SubgraphUnavailable("pricing", "unexpected reservation answer");
      if (answer.ok) return { ok: true };
      // A refusal always says why; one without a reason is not an answer to act on.
      const [first, ...rest] = answer.userErrors;
      if (!first) throw new SubgraphUnavailable("pricing", "refusal without a reason");
      return { ok: false, errors: [first, ...rest] };
    },
    async releaseCodes(reservationId) {
      await callSubgraph(target, identity, RELEASE, { reservationId });
    },
  };
}
