// What holds at the edges between processes: forged identity, an unreachable catalog, and the
// cost of resolving many product references.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, signIdentity, type Identity } from "@trolley/identity";
import { graphql, userToken } from "@trolley/testing";
import { recordingCatalogDb } from "../support/recording-db.js";
import { startCart } from "../../subgraphs/cart/src/app.js";
import { readCartConfig } from "../../subgraphs/cart/src/config.js";
import { activeSkus, productIds, seedSku } from "../support/fixtures.js";
import { startStack, type Stack } from "../support/stack.js";

const DEV_INTERNAL_SECRET = "dev-internal-secret-change-me";
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { cart { totalQuantity } userErrors { code message } } }`;

/** Every SQL statement the catalog runs, as Prisma reports it. */
const { db: catalogDb, queries: catalogQueries } = recordingCatalogDb();

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ catalogDb });
});
afterAll(() => stack?.close());

describe("identity between gateway and subgraphs", () => {
  it("a subgraph ignores an identity header it cannot verify", async () => {
    const user: Identity = { kind: "user", subject: "mallory", roles: ["admin"] };
    for (const header of [JSON.stringify(user), signIdentity(user, "a-secret-that-is-not-ours")]) {
      const result = await graphql(stack.cart.url, `{ cart { id } }`, { headers: { [IDENTITY_HEADER]: header } });
      expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    }
  });

  it("the gateway does not pass a client's identity header on", async () => {
    const forged = signIdentity({ kind: "user", subject: "someone-else", roles: ["customer"] }, DEV_INTERNAL_SECRET);
    const result = await graphql(stack.gateway.url, `{ cart { id } }`, { headers: { [IDENTITY_HEADER]: forged } });
    expect(result.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("when the catalog cannot be reached", () => {
  it("cart changes that need it are refused with CATALOG_UNAVAILABLE and change nothing", async () => {
    const [dripper] = await productIds(stack, [seedSku.dripper]);
    // A cart process whose catalog address answers nothing.
    const cart = await startCart(readCartConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", METRICS_PORT: "0", DATABASE_URL: process.env.DATABASE_URL, CATALOG_URL: "http://127.0.0.1:9/graphql", CATALOG_TIMEOUT_MS: "500" }));
    try {
      const headers = { [IDENTITY_HEADER]: signIdentity({ kind: "user", subject: `user-${Date.now()}`, roles: ["customer"] }, DEV_INTERNAL_SECRET) };
      const first = await graphql(cart.url, ADD, { variables: { p: dripper, q: 1 }, headers });
      expect(first.data.addToCart.userErrors).toEqual([expect.objectContaining({ code: "CATALOG_UNAVAILABLE" })]);
      expect(first.data.addToCart.cart.totalQuantity).toBe(0);
      expect(first.data.addToCart.userErrors[0].message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
    } finally {
      await cart.close();
    }
  });
});

describe("batching", () => {
  it("a cart of 20 lines resolves all its products with one catalog query", async () => {
    const token = await userToken();
    const ids = await productIds(stack, activeSkus.slice(0, 20));
    for (const id of ids) {
      const added = await stack.query(ADD, { p: id, q: 1 }, token);
      expect(added.data.addToCart.userErrors).toEqual([]);
    }
    catalogQueries.length = 0;
    const result = await stack.query(`{ cart { lines { product { id name price { amount } } } } }`, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data.cart.lines.map((l: any) => l.product.id)).toEqual(ids);
    const productQueries = catalogQueries.filter((sql) => /FROM "catalog"\."product"/i.test(sql));
    expect(productQueries).toHaveLength(1);
  });

  it("the enriched cart costs one product query per catalog fetch of the plan", async () => {
    const token = await userToken();
    for (const id of await productIds(stack, activeSkus.slice(0, 20))) await stack.query(ADD, { p: id, q: 2 }, token);
    catalogQueries.length = 0;
    const result = await stack.query(`{ cart { lines { product { name } subtotal { amount } } cost { total { amount } } } }`, {}, token);
    expect(result.errors).toBeUndefined();
    // The plan fetches products from the catalog for the lines and for the lines of each line's
    // cart (pricing prices both from the catalog's prices): two fetches, each resolving all its
    // references with one query.
    expect(catalogQueries.filter((sql) => /FROM "catalog"\."product"/i.test(sql)).length).toBeLessThanOrEqual(2);
  });
});
