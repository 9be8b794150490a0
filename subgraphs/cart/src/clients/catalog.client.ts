// The cart's one way to ask the catalog: over HTTP, carrying the cart's service identity, bounded
// by a timeout. About products, a federation `_entities` lookup: one query answers both what the
// cart's rules check (status, stock) and what pricing needs to quote a line (price, tax category,
// category). About a service the shopper adds, the catalog's internal serviceAvailability. Any
// failure to get an answer (timeout, refused connection, error response) is CATALOG_UNAVAILABLE:
// the caller changes nothing.
import { DomainError } from "@trolley/errors";
import { callSubgraph, SubgraphUnavailable } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";
import type { ProductAvailability } from "../cart/cart.rules.js";

const PRODUCTS_QUERY = `query CartProducts($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Product { id status availableQuantity price { amount currencyCode } taxCategory category { id } weightGrams }
  }
}`;

import type { TaxCategory } from "@trolley/federation";

export type { TaxCategory };

/** A product as the catalog answers the cart: availability, and the facts a quote of its line needs. */
export interface CatalogProduct extends ProductAvailability {
  /** The list price: a decimal string in the currency's minor digits. */
  price: { amount: string; currencyCode: string };
  taxCategory: TaxCategory;
  categoryId: string | null;
  /** The catalog's Product.weightGrams, which shipping prices by. */
  weightGrams: number;
}

/** The catalog's answer about a service: whether it may go with a line of the product, or (no product) with a cart alone. */
export interface ServiceAvailability {
  /** Null when the catalog has no such offer, or no longer offers it. */
  service: { id: string; title: string; kind: "FOR_LINE" | "STANDALONE" } | null;
  available: boolean;
}

export interface CatalogClient {
  /** The products that exist, by id; ids the catalog does not know are absent from the map. */
  products(ids: readonly string[]): Promise<Map<string, CatalogProduct>>;
  /** `productId` null: may the service go with the cart alone? Otherwise: with a line of that product? */
  serviceAvailability(serviceId: string, productId: string | null): Promise<ServiceAvailability>;
}

export class CatalogUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("CATALOG_UNAVAILABLE", "The catalog could not be reached, so the cart was not changed. Please retry.");
  }
}

type ProductAnswer = Omit<CatalogProduct, "categoryId"> & { category: { id: string } | null };

const SERVICE_AVAILABILITY_QUERY = `query CartServiceAvailability($serviceId: ID!, $productId: ID) {
  serviceAvailability(serviceId: $serviceId, productId: $productId) { service { id title kind } available }
}`;

const isAvailability = (answer: ServiceAvailability | null | undefined): answer is ServiceAvailability =>
  !!answer &&
  typeof answer.available === "boolean" &&
  (answer.service === null ||
    (typeof answer.service?.id === "string" && typeof answer.service.title === "string" && ["FOR_LINE", "STANDALONE"].includes(answer.service.kind)));

export function httpCatalogClient(settings: { url: string; timeoutMs: number; internalSecret: string }): CatalogClient {
  const endpoint = { ...settings, service: "catalog" };
  const identity = serviceIdentity("cart");
  const call = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    try {
      return await callSubgraph<T>(endpoint, identity, query, variables);
    } catch (error) {
      if (error instanceof SubgraphUnavailable) throw new CatalogUnavailable(error.message);
      throw error;
    }
  };
  return {
    async products(ids) {
      if (ids.length === 0) return new Map();
      const data = await call<{ _entities?: (ProductAnswer | null)[] }>(PRODUCTS_QUERY, {
        representations: [...new Set(ids)].map((id) => ({ __typename: "Product", id })),
      });
      if (!Array.isArray(data._entities)) throw new CatalogUnavailable("error response");
      const found = new Map<string, CatalogProduct>();
      for (const product of data._entities) {
        if (!product) continue;
        const { category, ...rest } = product;
        found.set(product.id, { ...rest, categoryId: category?.id ?? null });
      }
      return found;
    },
    async serviceAvailability(serviceId, productId) {
      const { serviceAvailability: answer } = await call<{ serviceAvailability?: ServiceAvailability | null }>(SERVICE_AVAILABILITY_QUERY, { serviceId, productId });
      if (!isAvailability(answer)) throw new CatalogUnavailable("unexpected service availability");
      return { service: answer.service && { id: answer.service.id, title: answer.service.title, kind: answer.service.kind }, available: answer.available };
    },
  };
}
