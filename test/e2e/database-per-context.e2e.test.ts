// Each context's DATABASE_URL may name a database (or a server) of its own: here the catalog,
// pricing and shipping live in one database and the cart, order and payment in another, each
// holding only its own contexts' schemas, and a whole purchase goes through. A subgraph that read
// another context's tables would find none.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { databaseUrl, dropDatabases, eventually, recreateDatabase, runDatabaseNames, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const worker = Number(process.env.VITEST_POOL_ID ?? "1");
const base = runDatabaseNames(inject("testRun")).worker(worker);
const goods = `${base}_goods`;
const orders = `${base}_orders`;
// Postgres schemas by database (the order context's is "orders": ORDER is a keyword).
const CONTEXTS = { goods: ["catalog", "pricing", "shipping"], orders: ["cart", "orders", "payment"] } as const;

let stack: Stack;

/** A copy of the migrated, seeded template that keeps only these contexts' schemas. */
async function databaseOf(name: string, keep: readonly string[]) {
  await recreateDatabase(name, runDatabaseNames(inject("testRun")).template);
  const client = new pg.Client({ connectionString: databaseUrl(name) });
  await client.connect();
  try {
    for (const schema of [...CONTEXTS.goods, ...CONTEXTS.orders].filter((s) => !keep.includes(s))) await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname = ANY($1::text[])`, [[...CONTEXTS.goods, ...CONTEXTS.orders]]);
    expect(rows.map((r) => r.nspname).sort()).toEqual([...keep].sort());
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await databaseOf(goods, CONTEXTS.goods);
  await databaseOf(orders, CONTEXTS.orders);
  const [goodsUrl, ordersUrl] = [databaseUrl(goods), databaseUrl(orders)];
  stack = await startStack({ databaseUrls: { catalog: goodsUrl, pricing: goodsUrl, shipping: goodsUrl, cart: ordersUrl, order: ordersUrl, payment: ordersUrl } });
});
afterAll(async () => {
  await stack?.close();
  await dropDatabases([goods, orders]);
});

it("a purchase goes through with the contexts in two databases", async () => {
  const [product] = await createProducts(stack.catalog.db, 1, { priceMinor: 2000, stock: 10 });
  const user = await userToken();
  const added = await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { cart { cost { subtotal { amount } } } userErrors { code } } }`, { p: product }, user);
  expect(added.data.addToCart).toEqual({ cart: { cost: { subtotal: { amount: "40.00" } } }, userErrors: [] });
  await readyToCheckOut(stack, user);
  const placed = await stack.query(`mutation { checkout(idempotencyKey: "${randomUUID()}") { order { id status } userErrors { code } } }`, {}, user);
  expect(placed.data.checkout.userErrors).toEqual([]);
  const orderId = placed.data.checkout.order.id;
  const paid = await stack.query(`mutation($o: ID!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: "pay") { payment { status } userErrors { code } } }`, { o: orderId }, user);
  expect(paid.data.payOrder).toEqual({ payment: { status: "SUCCEEDED" }, userErrors: [] });
  // Events cross between the databases' contexts through Redis: the payment's reaches the order, the order's the cart and the catalog.
  await eventually(async () => (await stack.query(`query($id: ID!) { order(id: $id) { status } }`, { id: orderId }, user)).data.order.status === "PAID");
  await eventually(async () => (await stack.catalog.db.product.findUniqueOrThrow({ where: { id: product } })).stockOnHand === 8);
  expect((await stack.query(`{ cart { totalQuantity } }`, {}, user)).data.cart.totalQuantity).toBe(0);
});
