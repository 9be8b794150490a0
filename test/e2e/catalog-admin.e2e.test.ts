// Admins change prices and stock; the product listing is served from a Redis cache, and a change
// is visible on the very next request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { recordingCatalogDb } from "../support/recording-db.js";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const { db: catalogDb, queries } = recordingCatalogDb();

let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack({ catalogDb });
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

const LISTING = `query($s: String) { products(first: 24, search: $s) { totalCount edges { node { id price { amount } availableQuantity } } } }`;
const SET_PRICE = `mutation($p: ID!, $a: String!) { setProductPrice(productId: $p, amount: $a) { product { price { amount } } userErrors { code field } } }`;
const SET_STOCK = `mutation($p: ID!, $q: Int!) { setProductStock(productId: $p, quantity: $q) { product { availableQuantity } userErrors { code } } }`;

async function listing(search: string) {
  const result = await stack.query(LISTING, { s: search });
  expect(result.errors).toBeUndefined();
  return result.data.products.edges.map((e: any) => e.node);
}

describe("the product listing cache", () => {
  it("serves a repeated page without touching Postgres", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000 });
    const name = (await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } })).name;
    await listing(name);
    queries.length = 0;
    expect(await listing(name)).toEqual([{ id: p, price: { amount: "10.00" }, availableQuantity: 1000 }]);
    expect(queries.filter((sql) => /"catalog"\."product"/.test(sql))).toEqual([]);
  });

  it("shows a price change and a stock change on the next request", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 8 });
    const name = (await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } })).name;
    expect(await listing(name)).toEqual([{ id: p, price: { amount: "10.00" }, availableQuantity: 8 }]);

    const priced = await stack.query(SET_PRICE, { p, a: "12.49" }, admin);
    expect(priced.data.setProductPrice).toEqual({ product: { price: { amount: "12.49" } }, userErrors: [] });
    expect(await listing(name)).toEqual([{ id: p, price: { amount: "12.49" }, availableQuantity: 8 }]);

    const stocked = await stack.query(SET_STOCK, { p, q: 3 }, admin);
    expect(stocked.data.setProductStock.userErrors).toEqual([]);
    expect(await listing(name)).toEqual([{ id: p, price: { amount: "12.49" }, availableQuantity: 3 }]);

    // A checkout's reservation is a stock change too.
    const shopper = await userToken();
    await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { p }, shopper);
    await readyToCheckOut(stack, shopper);
    await stack.query(`mutation { checkout(idempotencyKey: "cache") { order { id } } }`, {}, shopper);
    expect(await listing(name)).toEqual([{ id: p, price: { amount: "12.49" }, availableQuantity: 1 }]);

    const events = await stack.catalog.db.outboxEvent.findMany({ where: { aggregateId: p }, orderBy: { position: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["PriceChanged", "StockChanged", "StockChanged"]);
  });
});

describe("admin changes", () => {
  it("are for admins only, and refuse bad input with a code", async () => {
    const [p] = await createProducts(stack.catalog.db, 1);
    expect((await stack.query(SET_PRICE, { p, a: "1.00" }, await userToken())).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await stack.query(SET_PRICE, { p, a: "1.00" })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    for (const amount of ["-1", "1.234", "ten"]) {
      expect((await stack.query(SET_PRICE, { p, a: amount }, admin)).data.setProductPrice.userErrors).toEqual([{ code: "INVALID_ARGUMENT", field: ["amount"] }]);
    }
    expect((await stack.query(SET_PRICE, { p: "00000000-0000-0000-0000-000000000000", a: "1.00" }, admin)).data.setProductPrice.userErrors[0].code).toBe("PRODUCT_NOT_FOUND");
    expect((await stack.query(SET_STOCK, { p, q: -1 }, admin)).data.setProductStock.userErrors[0].code).toBe("INVALID_QUANTITY");
  });
});
