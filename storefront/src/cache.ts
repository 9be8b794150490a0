// The normalized cache. A cart is one Cart entity (by id) and its lines CartLine entities (by id):
// every view reads the same objects, and a mutation's payload or a pushed cart rewrites them. Lists
// of the cart are replaced whole by what the server answers, never merged item by item.
import { InMemoryCache } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";

const replace = { merge: false } as const;

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          products: relayStylePagination(["search", "categorySlug"]),
          orders: relayStylePagination(),
        },
      },
      Cart: {
        keyFields: ["id"],
        fields: {
          lines: replace,
          savedForLater: replace,
          serviceLines: replace,
          discountCodes: replace,
          shippingOptions: replace,
          cost: replace,
        },
      },
      CartLine: {
        keyFields: ["id"],
        fields: { cost: replace },
      },
      // Offers are priced for the cart they were asked for: kept inside the cart, not shared.
      ShippingOption: { keyFields: false },
      SelectedShipping: { keyFields: false },
      Order: { fields: { payments: replace, lines: replace } },
    },
  });
}
