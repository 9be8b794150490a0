// How checkout closes the cart, and how a checkout that died half-way gives its stock back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { Outbox } from "@trolley/outbox";
import { OrderEventsHandler } from "../../subgraphs/cart/src/checkout/order-events.handler.js";
import { CartStore } from "../../subgraphs/cart/src/cart/cart.store.js";
import { httpCatalogClient } from "../../subgraphs/order/src/clients/catalog.client.js";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { lockWaiter } from "../support/lock-waiter.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const CART = `{ cart { id status totalQuantity } }`;
const clock = new TestClock();
let stack: Stack;

beforeAll(async () => {
  // The cart applies order-events only when the test says so.
  stack = await startStack({ cartOptions: { background: false }, orderOptions: { clock } });
});
afterAll(() => stack?.close());

async function orderCreatedPublished(orderId: string) {
  await eventually(async () => {
    const event = await stack.order.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: orderId, type: "OrderCreated" } });
    expect(event.publishedAt).not.toBeNull();
  });
}

describe("closing the cart after checkout", () => {
  it("closes the cart that was ordered, and the owner's next cart starts empty", async () => {
    const [p] = await createProducts(stack.catalog.db, 1);
    const token = await userToken();
    await stack.query(ADD, { p, q: 2 }, token);
    await readyToCheckOut(stack, token);
    const before = (await stack.query(CART, {}, token)).data.cart;
    const { order } = (await stack.query(`mutation { checkout(idempotencyKey: "c1") { order { id } } }`, {}, token)).data.checkout;
    await orderCreatedPublished(order.id);
    await stack.cart.orders.processAvailable();
    const after = (await stack.query(CART, {}, token)).data.cart;
    expect(after.id).not.toBe(before.id);
    expect(after.totalQuantity).toBe(0);
    expect((await stack.cart.db.cart.findUniqueOrThrow({ where: { id: before.id } })).status).toBe("CHECKED_OUT");
  });

  it("leaves alone a cart its owner changed after checking out", async () => {
    const [p, q] = await createProducts(stack.catalog.db, 2);
    const token = await userToken();
    await stack.query(ADD, { p, q: 1 }, token);
    await readyToCheckOut(stack, token);
    const { order } = (await stack.query(`mutation { checkout(idempotencyKey: "c2") { order { id } } }`, {}, token)).data.checkout;
    await stack.query(ADD, { p: q, q: 1 }, token);
    await orderCreatedPublished(order.id);
    await stack.cart.orders.processAvailable();
    expect((await stack.query(CART, {}, token)).data.cart).toMatchObject({ status: "ACTIVE", totalQuantity: 2 });
  });
});

describe("a cart change racing the cart's closing", () => {
  it("lands in the shopper's new cart, never in the cart that was ordered", async () => {
    const [p, q] = await createProducts(stack.catalog.db, 2);
    const token = await userToken();
    await stack.query(ADD, { p, q: 1 }, token);
    await readyToCheckOut(stack, token);
    const ordered = (await stack.query(CART, {}, token)).data.cart;
    const { order } = (await stack.query(`mutation { checkout(idempotencyKey: "race-1") { order { id } } }`, {}, token)).data.checkout;
    await orderCreatedPublished(order.id);
    const orderCreated = await stack.order.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: order.id, type: "OrderCreated" } });
    const closeCart = new OrderEventsHandler(new CartStore(stack.cart.db), new Outbox({ schema: "cart" }), clock);

    // The test holds the ordered cart's row lock; the add reads the cart, then queues behind the
    // lock; OrderCreated closes the cart meanwhile and commits; only then does the add go on.
    let adding!: Promise<{ data?: any }>;
    await stack.cart.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${ordered.id} FOR UPDATE`;
      adding = stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { cart { id } userErrors { code } } }`, { p: q }, token);
      await lockWaiter(stack.cart.db);
      await closeCart.handle({ type: orderCreated.type, userId: orderCreated.userId, data: orderCreated.data as Record<string, unknown> }, tx);
    });

    const added = (await adding).data!.addToCart;
    expect(added.userErrors).toEqual([]);
    expect(added.cart.id).not.toBe(ordered.id);
    const lines = (cartId: string) => stack.cart.db.cartLine.findMany({ where: { cartId }, select: { productId: true, quantity: true } });
    expect(await lines(ordered.id)).toEqual([{ productId: p, quantity: 1 }]);
    expect(await lines(added.cart.id)).toEqual([{ productId: q, quantity: 1 }]);
    expect((await stack.query(CART, {}, token)).data.cart).toMatchObject({ id: added.cart.id, status: "ACTIVE", totalQuantity: 1 });
  });
});

describe("a checkout that died after reserving", () => {
  it("has its reservation released by housekeeping", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 5 });
    // What a process leaves behind if it dies between reserving and creating the order: a claimed
    // key and a reservation under its id.
    const claim = await stack.order.db.checkoutRequest.create({
      data: { id: crypto.randomUUID(), userId: "user-crashed", idempotencyKey: "k", requestHash: "h", createdAt: clock.now() },
    });
    const catalog = httpCatalogClient({ url: stack.catalog.url, timeoutMs: 2000, internalSecret: "dev-internal-secret-change-me" });
    expect(await catalog.reserve(claim.id, [{ productId: p, quantity: 3 }])).toMatchObject({ ok: true });
    expect((await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } })).stockReserved).toBe(3);

    expect((await stack.order.housekeeping.runOnce()).releasedCheckouts).toBe(0);
    clock.advance(3 * 60_000);
    expect((await stack.order.housekeeping.runOnce()).releasedCheckouts).toBeGreaterThanOrEqual(1);
    expect((await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } })).stockReserved).toBe(0);
    expect(await stack.order.db.checkoutRequest.count({ where: { id: claim.id } })).toBe(0);
  });
});
