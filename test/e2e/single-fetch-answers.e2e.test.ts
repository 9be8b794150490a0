// A query one subgraph answers whole gets that subgraph's data as it came, without the gateway's
// execution (gateway/src/single-fetch/): the answer must be the very same bytes the gateway's own
// execution gives (a gateway with SINGLE_FETCH_ANSWERS=off beside it), and everything else (errors,
// fragments, several subgraphs, mutations) must go the gateway's way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleValue, scrapeMetrics, userToken } from "@trolley/testing";
import type { GatewayApp } from "../../gateway/src/app.js";
import { bearer, gatewayFactory, post, type Answer } from "../support/gateway-http.js";
import { startStack, type Stack } from "../support/stack.js";

let stack: Stack;
let on: GatewayApp;
let off: GatewayApp;
const gateways = gatewayFactory(() => stack);

beforeAll(async () => {
  stack = await startStack();
  on = await gateways.start({ RATE_LIMIT_PER_MINUTE: "0" });
  off = await gateways.start({ RATE_LIMIT_PER_MINUTE: "0", SINGLE_FETCH_ANSWERS: "off" });
});
afterAll(async () => {
  await gateways.closeAll();
  await stack?.close();
});

const answered = async () => sampleValue(await scrapeMetrics(on.metricsUrl!), "trolley_single_fetch_answers_total");

/** The same request through both gateways: the answers, byte for byte. */
async function both(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<[Answer, Answer]> {
  return [await post(on.url, body, headers), await post(off.url, body, headers)];
}

const LISTING = `query Listing($first: Int!, $withStock: Boolean!) {
  products(first: $first) {
    totalCount
    edges { cursor node { id name code: sku price { amount currencyCode } availableQuantity @include(if: $withStock) } }
    pageInfo { hasNextPage endCursor }
  }
  categories { slug name }
}`;

describe("single-fetch answers", () => {
  it("answer a catalog query with the catalog's data, the same bytes as the gateway's execution, from the second time on", async () => {
    const before = await answered();
    const request = { query: LISTING, variables: { first: 5, withStock: true } };
    // The first answer is the gateway's: its plan is how the operation becomes known to qualify.
    const [first, firstOff] = await both(request);
    expect(first.text).toBe(firstOff.text);
    expect(await answered()).toBe(before);

    const [second, secondOff] = await both(request);
    expect(second.text).toBe(secondOff.text);
    expect(second.status, second.text).toBe(200);
    expect(second.body.errors).toBeUndefined();
    expect(second.body.data.products.edges).toHaveLength(5);
    expect(second.text).toBe(secondOff.text);
    expect(second.headers.get("content-type")).toBe(secondOff.headers.get("content-type"));
    expect(await answered()).toBe(before + 1);

    // Variables reach the subgraph: @include off, another page size.
    const [other, otherOff] = await both({ query: LISTING, variables: { first: 2, withStock: false } });
    expect(other.text).toBe(otherOff.text);
    expect(other.body.data.products.edges[0].node).not.toHaveProperty("availableQuantity");
    expect(await answered()).toBe(before + 2);
  });

  it("leave an answer with errors to the gateway, which answers as it always does", async () => {
    const query = `query BadCursor { products(first: 2, after: "not-a-cursor") { edges { node { id } } } }`;
    const before = await answered();
    for (let i = 0; i < 2; i++) {
      const [answer, answerOff] = await both({ query });
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      expect(answer.text).toBe(answerOff.text);
    }
    expect(await answered()).toBe(before);
  });

  it("leave fragments, plans of several subgraphs and mutations to the gateway", async () => {
    const before = await answered();
    const token = bearer(await userToken());
    const fragment = `query WithFragment { products(first: 2) { edges { node { ...Card } } } } fragment Card on Product { id name }`;
    const federated = `query CartAndProducts { cart { id lines { product { name } } } }`;
    const { body: listing } = await post(on.url, { query: "{ products(first: 1) { edges { node { id } } } }" });
    const productId = listing.data.products.edges[0].node.id;
    const add = { query: `mutation Add($productId: ID!) { addToCart(productId: $productId, quantity: 1) { cart { totalQuantity } userErrors { code } } }`, variables: { productId } };
    for (let i = 0; i < 2; i++) {
      const [a, aOff] = await both({ query: fragment });
      expect(a.text).toBe(aOff.text);
      const [b, bOff] = await both({ query: federated }, token);
      expect(b.text).toBe(bOff.text);
    }
    // Each addToCart through the gateway adds exactly one: a mutation is never sent twice.
    const quantities = [];
    for (let i = 0; i < 3; i++) quantities.push((await post(on.url, add, token)).body.data.addToCart.cart.totalQuantity);
    expect(quantities).toEqual([1, 2, 3]);
    expect(await answered()).toBe(before);
  });
});
