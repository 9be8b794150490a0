// The storefront against a gateway that runs only registered operations (PERSISTED_QUERIES=safelist
// with the storefront's own manifest): its Apollo Client, sending persisted-query ids, starts a
// guest session, browses, fills and reads a cart; an operation the manifest does not list is
// refused, by text or by id.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStorefrontClient } from "../../storefront/src/apollo.ts";
import { AddToCartDocument, CartDocument, ProductsDocument, StartGuestSessionDocument } from "../../storefront/src/gql/graphql.ts";
import { MANIFEST_PATH } from "../../storefront/tools/persisted-manifest.ts";
import { createProducts } from "../support/catalog-products.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ env: { PERSISTED_QUERIES: "safelist", PERSISTED_QUERY_MANIFEST: MANIFEST_PATH } });
});
afterAll(() => stack?.close());

async function post(body: unknown) {
  const response = await fetch(stack.gateway.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

describe("the storefront against a safelisted gateway", () => {
  it("runs the storefront's operations by their persisted ids", async () => {
    let token: string | null = null;
    const sent: string[] = [];
    const client = createStorefrontClient({
      graphqlUrl: stack.gateway.url,
      token: () => token,
      fetch: async (input, init) => {
        sent.push(String(init?.body));
        return fetch(input, init);
      },
    });
    try {
      const [productId] = await createProducts(stack.catalog.db, 1, { stock: 5, priceMinor: 1234 });
      const session = await client.apollo.mutate({ mutation: StartGuestSessionDocument });
      expect(session.error).toBeUndefined();
      token = session.data!.startGuestSession.token;

      const products = await client.apollo.query({ query: ProductsDocument, variables: { first: 5 } });
      expect(products.error).toBeUndefined();
      expect(products.data!.products.edges).toHaveLength(5);

      const added = await client.apollo.mutate({ mutation: AddToCartDocument, variables: { productId, quantity: 2 } });
      expect(added.error).toBeUndefined();
      expect(added.data!.addToCart.userErrors).toEqual([]);

      const cart = await client.apollo.query({ query: CartDocument, fetchPolicy: "network-only" });
      expect(cart.error).toBeUndefined();
      expect(cart.data!.cart.lines.map((l) => [l.productId, l.quantity, l.subtotal?.amount])).toEqual([[productId, 2, "24.68"]]);

      // Every request carried a hash, none the text: the ids are the manifest's.
      expect(sent.length).toBeGreaterThanOrEqual(4);
      for (const body of sent) {
        const parsed = JSON.parse(body);
        expect(parsed.extensions.persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
        expect(parsed.query).toBeUndefined();
      }
    } finally {
      client.close();
    }
  });

  it("refuses an operation the manifest does not list, by text or by id", async () => {
    const byText = await post({ query: "{ cart { id lines { id } } }" });
    expect(byText.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    const byId = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: randomUUID().replaceAll("-", "").padEnd(64, "0") } } });
    expect(byId.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
  });
});
