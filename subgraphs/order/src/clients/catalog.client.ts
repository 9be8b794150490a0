// Checkout's calls to the catalog: reserve stock for all lines or none (with the authoritative
// names, prices, tax categories and categories of that moment: checkout prices the order from
// them), and release a reservation. Both are idempotent on the
// reservation id, so a retry after a lost answer is safe.
import type { UserErrorData } from "@trolley/errors";
import { serviceIdentity } from "@trolley/identity";
import { callSubgraph, type SubgraphEndpoint } from "@trolley/http";

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
}

export type ReservationResult = { ok: true; lines: ReservedLine[] } | { ok: false; errors: UserErrorData[] };

export interface CatalogClient {
  reserve(reservationId: string, lines: { productId: string; quantity: number }[]): Promise<ReservationResult>;
  release(reservationId: string): Promise<void>;
}

const RESERVE = `mutation Reserve($reservationId: ID!, $lines: [StockLineInput!]!) {
  reserveStock(reservationId: $reservationId, lines: $lines) {
    reservation { lines { productId productName unitPriceMinor currencyCode quantity taxCategory categoryId } }
    userErrors { code field message }
  }
}`;
const RELEASE = `mutation Release($reservationId: ID!) { releaseStock(reservationId: $reservationId) }`;

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
  };
}
