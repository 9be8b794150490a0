// Input that costs nothing to send must cost nothing to refuse: oversized ids and strings, control
// characters and oversized batches are BAD_USER_INPUT (or a user error) before any resolver runs or
// any other service is called, at the gateway and at each subgraph reached directly; the value is
// never echoed back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, userToken } from "@trolley/testing";
import { recordingCatalogDb } from "../support/recording-db.js";
import { startStack, type Stack } from "../support/stack.js";

const catalog = recordingCatalogDb();
let stack: Stack;
let token: string;
beforeAll(async () => {
  stack = await startStack({ catalogDb: catalog.db });
  token = await userToken();
});
afterAll(async () => {
  await stack?.close();
  await catalog.db.$disconnect();
});

const ADD = `mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { userErrors { code field } } }`;
const huge = "x".repeat(900_000);
/** Statements that read products (the catalog's background jobs run their own SQL meanwhile). */
const productQueries = () => catalog.queries.filter((query) => query.includes('"product"')).length;

function expectRefused(response: { status: number; data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }, argument: string) {
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argument });
  expect(JSON.stringify(response).length).toBeLessThan(2_000);
}

describe("arguments out of bounds", () => {
  it("a 900 KB product id is refused at the gateway, not forwarded nor echoed", async () => {
    const before = productQueries();
    expectRefused(await stack.query(ADD, { p: huge }, token), "productId");
    expectRefused(await stack.query(`{ product(id: "${"y".repeat(5_000)}") { id } }`), "id");
    expect(productQueries()).toBe(before);
  });

  it("NUL bytes in search, id or an idempotency key are BAD_USER_INPUT, not a server error", async () => {
    expectRefused(await stack.query(`query($s: String) { products(search: $s) { totalCount } }`, { s: "dripper\u0000" }), "search");
    expectRefused(await stack.query(`query($id: ID!) { product(id: $id) { id } }`, { id: "a\u0000b" }), "id");
    expectRefused(await stack.query(`mutation($k: String!) { checkout(idempotencyKey: $k) { userErrors { code } } }`, { k: "key\u0000" }, token), "idempotencyKey");
    // Inline literals too, and inside input objects.
    expectRefused(await stack.query(`mutation { addToCartBulk(lines: [{ productId: "p\\u0000", quantity: 1 }]) { userErrors { code } } }`, {}, token), "lines");
  });

  it("are refused by a subgraph reached directly, with the same code", async () => {
    expectRefused(await graphql(stack.catalog.url, `query($s: String) { products(search: $s) { totalCount } }`, { variables: { s: "\u0000" } }), "search");
    expectRefused(await graphql(stack.cart.url, ADD, { variables: { p: huge } }), "productId");
  });

  it("text with tabs and line breaks is fine", async () => {
    const result = await stack.query(`query($s: String) { products(search: $s) { totalCount } }`, { s: "pour\tover\n" });
    expect(result.errors).toBeUndefined();
  });
});

describe("a bulk add beyond the line limit", () => {
  it("is refused before the catalog is asked anything", async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => ({ productId: `00000000-0000-0000-0000-${String(i).padStart(12, "0")}`, quantity: 1 }));
    const before = productQueries();
    const result = await stack.query(`mutation($l: [CartLineInput!]!) { addToCartBulk(lines: $l) { userErrors { code field } } }`, { l: lines }, token);
    expect(result.data.addToCartBulk.userErrors).toEqual([{ code: "INVALID_ARGUMENT", field: ["lines"] }]);
    expect(productQueries()).toBe(before);
  });
});
