// Checkout through the gateway: a cart becomes an order with a price snapshot and reserved stock,
// safely under retries, duplicates and races; cancellation and expiry give the stock back.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { connectCatalogDb } from "../../subgraphs/catalog/src/db.js";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { lockWaiter } from "../support/lock-waiter.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const CHECKOUT = `mutation($k: String!) { checkout(idempotencyKey: $k) {
  order { id number status total { amount currencyCode } createdAt lines { productName quantity unitPrice { amount } subtotal { amount } product { id name } } }
  userErrors { code field message } } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { order { id status } userErrors { code } } }`;
const CART = `{ cart { id totalQuantity } }`;
const STOCK = `query($id: ID!) { product(id: $id) { availableQuantity } }`;

let stack: Stack;
beforeAll(async () => {
  // Correctness under contention, not latency: racing checkouts queue on the products' row locks.
  stack = await startStack({ env: { SUBGRAPH_CALL_TIMEOUT_MS: "15000", SUBGRAPH_TIMEOUT_MS: "60000" } });
});
afterAll(() => stack?.close());

const available = async (productId: string) => (await stack.query(STOCK, { id: productId })).data.product.availableQuantity as number;
const checkout = async (token: string, key: string) => (await stack.query(CHECKOUT, { k: key }, token)).data.checkout;

async function shopper(lines: [string, number][], sub?: string) {
  const token = await userToken({ sub });
  for (const [p, q] of lines) expect((await stack.query(ADD, { p, q }, token)).data.addToCart.userErrors).toEqual([]);
  await readyToCheckOut(stack, token);
  return token;
}

/** A refused checkout placed no order, claimed no key, reserved no stock, and left the cart active with its lines. */
async function expectUntouched({ sub, token, productId, stock, quantity }: { sub: string; token: string; productId: string; stock: number; quantity: number }) {
  expect(await stack.order.db.order.count({ where: { userId: sub } })).toBe(0);
  expect(await stack.order.db.checkoutRequest.count({ where: { userId: sub } })).toBe(0);
  expect(await stack.catalog.db.product.findUniqueOrThrow({ where: { id: productId } })).toMatchObject({ stockOnHand: stock, stockReserved: 0 });
  expect(await available(productId)).toBe(stock);
  const cart = (await stack.query(`{ cart { id status totalQuantity lines { productId quantity } } }`, {}, token)).data.cart;
  expect(cart).toMatchObject({ status: "ACTIVE", totalQuantity: quantity, lines: [{ productId, quantity }] });
  expect(await stack.cart.db.cart.findUniqueOrThrow({ where: { id: cart.id } })).toMatchObject({ ownerId: sub, status: "ACTIVE" });
}

describe("checkout", () => {
  it("turns the cart into an order with a price snapshot, reserves the stock and empties the cart", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1999, stock: 10 });
    const token = await shopper([[p, 3]]);
    const { order, userErrors } = await checkout(token, "key-1");
    expect(userErrors).toEqual([]);
    // Goods 3 x 19.99 = 59.97, plus California's estimated sales tax (7.25%, the shop's default
    // place): 59.97 x 0.0725 = 4.347825, 4.35 rounded half-even, so 59.97 + 4.35 = 64.32.
    expect(order).toMatchObject({ status: "PENDING_PAYMENT", total: { amount: "64.32", currencyCode: "USD" } });
    expect(order.number).toMatch(/^TR-\d{6,}$/);
    expect(order.lines).toEqual([
      { productName: expect.stringMatching(/^Test product/), quantity: 3, unitPrice: { amount: "19.99" }, subtotal: { amount: "59.97" }, product: { id: p, name: expect.any(String) } },
    ]);
    expect(await available(p)).toBe(7);
    await eventually(async () => expect((await stack.query(CART, {}, token)).data.cart.totalQuantity).toBe(0));
    // The snapshot holds even when the catalog's price changes later.
    await stack.catalog.db.product.update({ where: { id: p }, data: { priceMinor: 2999 } });
    const again = await stack.query(`query($id: ID!) { order(id: $id) { total { amount } lines { unitPrice { amount } } } }`, { id: order.id }, token);
    expect(again.data.order).toEqual({ total: { amount: "64.32" }, lines: [{ unitPrice: { amount: "19.99" } }] });
  });

  it("answers a retried key with the same order and reserves nothing more", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 10 });
    const token = await shopper([[p, 2]]);
    const first = await checkout(token, "retry");
    const second = await checkout(token, "retry");
    expect(second.order.id).toBe(first.order.id);
    await eventually(async () => expect((await stack.query(CART, {}, token)).data.cart.totalQuantity).toBe(0));
    expect((await checkout(token, "retry")).order.id).toBe(first.order.id);
    expect(await available(p)).toBe(8);
  });

  it("refuses a key reused for a different cart, and scopes keys per caller", async () => {
    const [p, q] = await createProducts(stack.catalog.db, 2, { stock: 10 });
    const token = await shopper([[p, 1]]);
    const first = await checkout(token, "shared-key");
    await eventually(async () => expect((await stack.query(CART, {}, token)).data.cart.totalQuantity).toBe(0));
    await stack.query(ADD, { p: q, q: 1 }, token);
    await readyToCheckOut(stack, token);
    expect((await checkout(token, "shared-key")).userErrors.map((e: any) => e.code)).toEqual(["IDEMPOTENCY_KEY_REUSED"]);
    const other = await shopper([[p, 1]]);
    const theirs = await checkout(other, "shared-key");
    expect(theirs.userErrors).toEqual([]);
    expect(theirs.order.id).not.toBe(first.order.id);
  });

  it("creates one order for concurrent duplicates of one key", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 10 });
    const sub = `user-${randomUUID()}`;
    const token = await shopper([[p, 1]], sub);
    // The test's own transaction claims the key first and keeps that claim uncommitted until all 6
    // duplicates are queued behind it on the key's unique index, then rolls it back: the 6 claim the
    // key at the same moment. Only that unique claim lets exactly one of them place the order;
    // without it each would reserve and place its own.
    class HeldClaim extends Error {}
    let racing!: Promise<any[]>;
    await stack.order.db
      .$transaction(
        async (tx) => {
          await tx.$executeRaw`
            INSERT INTO "orders"."checkout_request" ("id", "user_id", "idempotency_key", "request_hash", "created_at")
            VALUES (${randomUUID()}, ${sub}, 'burst', 'held by the test', now())`;
          racing = Promise.all(Array.from({ length: 6 }, () => checkout(token, "burst")));
          await lockWaiter(stack.catalog.db, { waiting: 6 });
          throw new HeldClaim();
        },
        { timeout: 20_000 },
      )
      .catch((error) => {
        if (!(error instanceof HeldClaim)) throw error;
      });
    const results = await racing;
    expect(new Set(results.map((r) => r.order?.id)).size).toBe(1);
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    expect(await available(p)).toBe(9);
  });

  it("refuses a cart without a shipping selection and changes nothing", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 5 });
    const sub = `user-${randomUUID()}`;
    const token = await userToken({ sub });
    expect((await stack.query(ADD, { p, q: 2 }, token)).data.addToCart.userErrors).toEqual([]);
    const { order, userErrors } = await checkout(token, "no-selection");
    expect(order).toBeNull();
    expect(userErrors.map((e: any) => e.code)).toEqual(["SHIPPING_REQUIRED"]);
    await expectUntouched({ sub, token, productId: p, stock: 5, quantity: 2 });
  });

  it("refuses a guest's cart without an email and changes nothing, then places it once the email is set", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 5 });
    const guest = (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession.token as string;
    const { sub } = JSON.parse(Buffer.from(guest.split(".")[1], "base64url").toString());
    expect(sub).toMatch(/^guest:/);
    expect((await stack.query(ADD, { p, q: 2 }, guest)).data.addToCart.userErrors).toEqual([]);
    // Shipping is chosen: only the email is missing.
    await readyToCheckOut(stack, guest);
    const refused = await checkout(guest, "no-email");
    expect(refused.order).toBeNull();
    expect(refused.userErrors.map((e: any) => e.code)).toEqual(["EMAIL_REQUIRED"]);
    await expectUntouched({ sub, token: guest, productId: p, stock: 5, quantity: 2 });

    await readyToCheckOut(stack, guest, { email: "guest-checkout@example.com" });
    const placed = await checkout(guest, "no-email");
    expect(placed.userErrors).toEqual([]);
    expect(placed.order).toMatchObject({ status: "PENDING_PAYMENT" });
    expect(await available(p)).toBe(3);
    await eventually(async () => expect((await stack.query(CART, {}, guest)).data.cart.totalQuantity).toBe(0));
  });

  it("refuses an empty cart", async () => {
    const { order, userErrors } = await checkout(await userToken(), "empty");
    expect(order).toBeNull();
    expect(userErrors.map((e: any) => e.code)).toEqual(["CART_EMPTY"]);
  });

  it("sells the last 3 units to exactly 3 of 8 racing buyers", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 3 });
    const buyers = await Promise.all(Array.from({ length: 8 }, () => shopper([[p, 1]])));
    // The test's own session holds the product row until all 8 reservations are queued behind it,
    // each having read 3 available: only the catalog's conditional UPDATE, re-checked on the row's
    // latest version as each gets the lock, keeps the other 5 out. (8 stays within the catalog's
    // pool of 10 connections, so every buyer can reach the lock.)
    const lockDb = connectCatalogDb(process.env.DATABASE_URL!);
    let racing!: Promise<any[]>;
    try {
      await lockDb.$transaction(
        async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM "catalog"."product" WHERE "id" = ${p} FOR UPDATE`;
          racing = Promise.all(buyers.map((token) => checkout(token, "race")));
          await lockWaiter(lockDb, { waiting: buyers.length });
        },
        { timeout: 20_000 },
      );
    } finally {
      await lockDb.$disconnect();
    }
    const results = await racing;
    expect(results.filter((r) => r.order)).toHaveLength(3);
    expect(results.filter((r) => r.userErrors[0]?.code === "OUT_OF_STOCK")).toHaveLength(5);
    const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } });
    expect(row).toMatchObject({ stockOnHand: 3, stockReserved: 3 });
    expect(await available(p)).toBe(0);
    // The refused buyers keep their carts.
    const refused = buyers[results.findIndex((r) => !r.order)];
    expect((await stack.query(CART, {}, refused)).data.cart.totalQuantity).toBe(1);
  });

  it("reserves all lines or none", async () => {
    const [plenty, scarce] = await createProducts(stack.catalog.db, 2, { stock: 3 });
    const token = await shopper([[plenty, 1], [scarce, 3]]);
    await stack.catalog.db.product.update({ where: { id: scarce }, data: { stockOnHand: 2 } });
    const { order, userErrors } = await checkout(token, "partial");
    expect(order).toBeNull();
    expect(userErrors.map((e: any) => e.code)).toEqual(["OUT_OF_STOCK"]);
    expect(await available(plenty)).toBe(3);
    // The key is free again once the refusal changed nothing.
    await stack.query(`mutation($p: ID!) { updateCartLine(productId: $p, quantity: 2) { userErrors { code } } }`, { p: scarce }, token);
    expect((await checkout(token, "partial")).userErrors).toEqual([]);
  });
});

describe("after checkout", () => {
  it("the owner cancels an unpaid order and its stock goes back, once", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 4 });
    const token = await shopper([[p, 4]]);
    const { order } = await checkout(token, "to-cancel");
    expect(await available(p)).toBe(0);
    expect((await stack.query(CANCEL, { id: order.id }, await userToken())).data.cancelOrder.userErrors.map((e: any) => e.code)).toEqual(["ORDER_NOT_FOUND"]);
    const cancelled = (await stack.query(CANCEL, { id: order.id }, token)).data.cancelOrder;
    expect(cancelled).toEqual({ order: { id: order.id, status: "CANCELLED" }, userErrors: [] });
    expect((await stack.query(CANCEL, { id: order.id }, token)).data.cancelOrder.userErrors.map((e: any) => e.code)).toEqual(["ORDER_NOT_CANCELLABLE"]);
    await eventually(async () => expect(await available(p)).toBe(4));
  });

  it("lists the caller's orders newest first, page by page; others see none of them", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 10 });
    const token = await userToken();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await stack.query(ADD, { p, q: 1 }, token);
      await readyToCheckOut(stack, token);
      ids.push((await checkout(token, `list-${i}`)).order.id);
      await eventually(async () => expect((await stack.query(CART, {}, token)).data.cart.totalQuantity).toBe(0));
    }
    const ORDERS = `query($after: String) { orders(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = (await stack.query(ORDERS, {}, token)).data.orders;
    expect(page1.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await stack.query(ORDERS, { after: page1.pageInfo.endCursor }, token)).data.orders;
    expect(page2.edges.map((e: any) => e.node.id)).toEqual([ids[0]]);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const ORDER = `query($id: ID!) { order(id: $id) { id } }`;
    expect((await stack.query(ORDER, { id: ids[0] }, await userToken())).data.order).toBeNull();
    expect((await stack.query(ORDER, { id: ids[0] }, await userToken({ roles: ["admin"] }))).data.order).toEqual({ id: ids[0] });
  });
});
