// The cart's one way to ask the catalog about products: a federation `_entities` lookup over HTTP,
// carrying the cart's service identity, bounded by a timeout. Any failure to get an answer
// (timeout, refused connection, error response) is CATALOG_UNAVAILABLE: the caller changes nothing.
import { DomainError } from "@trolley/errors";
import { callSubgraph, SubgraphUnavailable } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";
import type { ProductAvailability } from "../cart/cart.rules.js";

const PRODUCTS_QUERY = `query CartProductAvailability($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id status availableQuantity } }
}`;

export interface CatalogClient {
  /** The products that exist, by id; ids the catalog does not know are absent from the map. */
  productAvailability(ids: readonly string[]): Promise<Map<string, ProductAvailability>>;
}

export class CatalogUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("CATALOG_UNAVAILABLE", "The catalog could not be reached, so the cart was not changed. Please retry.");
  }
}

export function httpCatalogClient(settings: { url: string; timeoutMs: number; internalSecret: string }): CatalogClient {
  const endpoint = { ...settings, service: "catalog" };
  const identity = serviceIdentity("cart");
  return {
    async productAvailability(ids) {
      if (ids.length === 0) return new Map();
      let data: { _entities?: (ProductAvailability | null)[] };
      try {
        data = await callSubgraph(endpoint, identity, PRODUCTS_QUERY, { representations: ids.map((id) => ({ __typename: "Product", id })) });
      } catch (error) {
        if (error instanceof SubgraphUnavailable) throw new CatalogUnavailable(error.message);
        throw error;
      }
      if (!Array.isArray(data._entities)) throw new CatalogUnavailable("error response");
      const found = new Map<string, ProductAvailability>();
      for (const product of data._entities) if (product) found.set(product.id, product);
      return found;
    },
  };
}
