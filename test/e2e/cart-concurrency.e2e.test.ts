// Racing requests on one cart, served by two cart processes behind one gateway: no update is lost
// and no limit is crossed. Locks live in Postgres, so the processes need not know of each other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { nextCartId } from "../../subgraphs/cart/src/cart/cart-id.rules.js";
import { connectCartDb } from "../../subgraphs/cart/src/db.js";
import { whileHolding } from "../support/lock-waiter.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { cart { totalQuantity } userErrors { code } } }`;
const CLEAR = `mutation { clearCart { cart { totalQuantity } userErrors { code } } }`;
const CART = `{ cart { totalQuantity lines { quantity product { id } } } }`;

let stack: Stack;
// The test's own client: the barrier must not take a connection from the racers' pools.
const holder = connectCartDb(process.env.DATABASE_URL!);
beforeAll(async () => {
  // Correctness under contention, not latency: a hundred changes queue on one row lock, so on a busy
  // machine the last of them waits longer than the production timeouts allow.
  stack = await startStack({ carts: 2, env: { CATALOG_TIMEOUT_MS: "15000", SUBGRAPH_TIMEOUT_MS: "60000" } });
});
afterAll(async () => {
  await stack?.close();
  await holder.$disconnect();
});

const all = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)));

/**
 * Runs `race` with the owner's cart held by the test until `waiting` racing changes, from both
 * cart processes, are queued on it: the existing cart's row lock, or for an owner without a cart
 * yet, an uncommitted row under the id its first change gives it (rolled back). Every change is
 * then inside its transaction at once; only the row lock orders them.
 */
async function whileCartHeld<T>(ownerId: string, waiting: number, race: () => Promise<T>): Promise<T> {
  const cart = await holder.cart.findFirst({ where: { ownerId, status: "ACTIVE" } });
  if (cart) return whileHolding(holder, (tx) => tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${cart.id} FOR UPDATE`, waiting, race);
  const now = new Date();
  return whileHolding(
    holder,
    (tx) => tx.$executeRaw`
      INSERT INTO "cart"."cart" ("id", "owner_id", "created_at", "updated_at", "last_activity_at")
      VALUES (${nextCartId(ownerId, null)}, ${ownerId}, ${now}, ${now}, ${now})`,
    waiting,
    race,
    { rollback: true },
  );
}

// More than one cart process's pool (10 connections each) queued: both processes are in the race.
const BOTH_PROCESSES = 12;
const codes = (results: any[]) => results.map((r) => r.data.addToCart.userErrors[0]?.code ?? "OK");

describe("concurrent changes to one cart", () => {
  it("100 parallel adds of one unit end at quantity 100", async () => {
    const [product] = await createProducts(stack.catalog.db, 1, { stock: 500 });
    const owner = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub: owner });
    const results = await whileCartHeld(owner, BOTH_PROCESSES, () => all(100, () => stack.query(ADD, { p: product, q: 1 }, token)));
    expect(results.find((r) => r.errors)?.errors ?? null).toBeNull();
    expect(codes(results).filter((c) => c === "OK")).toHaveLength(100);
    expect((await stack.query(CART, {}, token)).data.cart.lines).toEqual([{ quantity: 100, product: { id: product } }]);
  });

  it("stop at the stock, refusing the rest with OUT_OF_STOCK", async () => {
    const [product] = await createProducts(stack.catalog.db, 1, { stock: 30 });
    const owner = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub: owner });
    const results = await whileCartHeld(owner, BOTH_PROCESSES, () => all(100, () => stack.query(ADD, { p: product, q: 1 }, token)));
    const outcome = codes(results);
    expect(outcome.filter((c) => c === "OK")).toHaveLength(30);
    expect(outcome.filter((c) => c === "OUT_OF_STOCK")).toHaveLength(70);
    expect((await stack.query(CART, {}, token)).data.cart.totalQuantity).toBe(30);
  });

  it("never pass 999 on a line", async () => {
    const [product] = await createProducts(stack.catalog.db, 1, { stock: 5000 });
    const owner = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub: owner });
    await stack.query(ADD, { p: product, q: 990 }, token);
    const results = await whileCartHeld(owner, BOTH_PROCESSES, () => all(20, () => stack.query(ADD, { p: product, q: 1 }, token)));
    expect(codes(results).filter((c) => c === "OK")).toHaveLength(9);
    expect((await stack.query(CART, {}, token)).data.cart.totalQuantity).toBe(999);
  });

  it("never pass 100 lines", async () => {
    const products = await createProducts(stack.catalog.db, 110);
    const owner = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub: owner });
    for (const product of products.slice(0, 95)) await stack.query(ADD, { p: product, q: 1 }, token);
    const results = await whileCartHeld(owner, BOTH_PROCESSES, () => all(15, (i) => stack.query(ADD, { p: products[95 + i], q: 1 }, token)));
    const outcome = codes(results);
    expect(outcome.filter((c) => c === "OK")).toHaveLength(5);
    expect(outcome.filter((c) => c === "CART_LIMIT_EXCEEDED")).toHaveLength(10);
    expect((await stack.query(CART, {}, token)).data.cart.lines).toHaveLength(100);
  });

  it("a racing clear and add leave a state one of their orders gives", async () => {
    const [a, b] = await createProducts(stack.catalog.db, 2);
    for (let round = 0; round < 10; round++) {
      const owner = `user-${crypto.randomUUID()}`;
      const token = await userToken({ sub: owner });
      await stack.query(ADD, { p: a, q: 2 }, token);
      await whileCartHeld(owner, 2, () => Promise.all([stack.query(CLEAR, {}, token), stack.query(ADD, { p: b, q: 3 }, token)]));
      const lines = (await stack.query(CART, {}, token)).data.cart.lines;
      // clear then add: only b; add then clear: empty. Never a without b's add, never a kept.
      expect([[], [{ quantity: 3, product: { id: b } }]]).toContainEqual(lines);
    }
  });
});
