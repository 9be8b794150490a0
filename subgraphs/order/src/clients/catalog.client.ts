// Checkout's calls to the catalog: reserve stock for all lines or none (with the authoritative
// names, prices, tax categories and categories of that moment: checkout prices the order from
// them), and release a reservation. Both are idempotent on the
// reservation id, so a retry after a lost answer is safe.
import type { UserErrorData } from "@trolley/errors";
import { serviceIdentity } from "@trolley/identity";
import { callSubgraph, SubgraphUnavailable, type SubgraphEndpoint } from "@trolley/http";
import { parseAmount } from "@trolley/federation";

import type { TaxCategory } from "@trolley/federation";

export type { TaxCategory };

export interface ReservedLine {
  productId: string;
  productName: string;
  unitPriceMinor: number;
  currencyCode: string;
  quantity: number;
  taxCategory: TaxCategory;
  categoryId: string | null;
  weightGrams: number;
}

/** A service offer as the catalog sells it now. */
export interface ServiceOfferNow {
  id: string;
  title: string;
  priceMinor: number;
  currencyCode: string;
}

export type ReservationResult = { ok: true; lines: ReservedLine[] } | { ok: false; errors: UserErrorData[] };

export interface CatalogClient {
  reserve(reservationId: string, lines: { productId: string; quantity: number }[]): Promise<ReservationResult>;
  release(reservationId: string): Promise<void>;
  /** The offers the catalog still sells, by id, at their prices of now; ids it does not know (or no longer offers) are absent. */
  serviceOffers(ids: readonly string[]): Promise<Map<string, ServiceOfferNow>>;
}

const RESERVE = `mutation Reserve($reservationId: ID!, $lines: [StockLineInput!]!) {
  reserveStock(reservationId: $reservationId, lines: $lines) {
    reservation { lines { productId productName unitPriceMinor currencyCode quantity taxCategory categoryId weightGrams } }
    userErrors { code field message }
  }
}`;
const RELEASE = `mutation Release($reservationId: ID!) { releaseStock(reservationId: $reservationId) }`;
// serviceAvailability answers null for a withdrawn offer; a reference alone would still resolve it.
const OFFER = `query CheckoutService($serviceId: ID!) { serviceAvailability(serviceId: $serviceId) { service { id title price { amount currencyCode } } } }`;

export function httpCatalogClient(endpoint: Omit<SubgraphEndpoint, "service">): CatalogClient {
  const target = { ...endpoint, service: "catalog" };
  const identity = serviceIdentity("order");
  return {
    async reserve(reservationId, lines) {
      const { reserveStock } = await callSubgraph<{
        reserveStock: { reservation: { lines: ReservedLine[] } | null; userErrors: UserErrorData[] };
      }>(target, identity, RESERVE, { reservationId, lines: lines.map(({ productId, quantity }) => ({ productId, quantity })) });
      if (reserveStock.userErrors.length || !reserveStock.reservation) return { ok: false, errors: reserveStock.userErrors };
      return { ok: true, lines: reserveStock.reservation.lines };
    },
    async release(reservationId) {
      await callSubgraph(target, identity, RELEASE, { reservationId });
    },
    async serviceOffers(ids) {
      const offers = new Map<string, ServiceOfferNow>();
      // A cart holds a handful of distinct services: one question each, asked together.
      const answers = await Promise.all(
        [...new Set(ids)].map((serviceId) =>
          callSubgraph<{ serviceAvailability: { service: { id: string; title: string; price: { amount: string; currencyCode: string } } | null } }>(target, identity, OFFER, { serviceId }),
        ),
      );
      for (const { serviceAvailability } of answers) {
        const service = serviceAvailability?.service;
        if (!service) continue;
        const priceMinor = parseAmount(service.price.amount, service.price.currencyCode);
        if (priceMinor === null) throw new SubgraphUnavailable("catalog", `service ${service.id} has no usable price`);
        offers.set(service.id, { id: service.id, title: service.title, priceMinor, currencyCode: service.price.currencyCode });
      }
      return offers;
    },
  };
}
