// The cart's one way to ask the catalog about products: a federation `_entities` lookup over HTTP,
// carrying the cart's service identity, bounded by a timeout. One query answers both what the
// cart's rules check (status, stock) and what pricing needs to quote a line (price, tax category,
// category). Any failure to get an answer (timeout, refused connection, error response) is
// CATALOG_UNAVAILABLE: the caller changes nothing.
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

export interface CatalogClient {
  /** The products that exist, by id; ids the catalog does not know are absent from the map. */
  products(ids: readonly string[]): Promise<Map<string, CatalogProduct>>;
}

export class CatalogUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("CATALOG_UNAVAILABLE", "The catalog could not be reached, so the cart was not changed. Please retry.");
  }
}

type ProductAnswer = Omit<CatalogProduct, "categoryId"> & { category: { id: string } | null };

export function httpCatalogClient(settings: { url: string; timeoutMs: number; internalSecret: string }): CatalogClient {
  const endpoint = { ...settings, service: "catalog" };
  const identity = serviceIdentity("cart");
  return {
    async products(ids) {
      if (ids.length === 0) return new Map();
      let data: { _entities?: (ProductAnswer | null)[] };
      try {
        data = await callSubgraph(endpoint, identity, PRODUCTS_QUERY, { representations: [...new Set(ids)].map((id) => ({ __typename: "Product", id })) });
      } catch (error) {
        if (error instanceof SubgraphUnavailable) throw new CatalogUnavailable(error.message);
        throw error;
      }
      if (!Array.isArray(data._entities)) throw new CatalogUnavailable("error response");
      const found = new Map<string, CatalogProduct>();
      for (const product of data._entities) {
        if (!product) continue;
        const { category, ...rest } = product;
        found.set(product.id, { ...rest, categoryId: category?.id ?? null });
      }
      return found;
    },
  };
}
