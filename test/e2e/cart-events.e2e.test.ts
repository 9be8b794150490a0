// Every cart change is an event in the outbox, written with the change; the relay publishes them to
// the Redis stream cart-events. Housekeeping flags abandoned carts (once) and deletes idle guest
// carts, on a clock the test moves.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { createRedis, OutboxRelay } from "@trolley/outbox";
import { userToken } from "@trolley/testing";
import { CART_EVENTS_STREAM } from "../../subgraphs/cart/src/app.js";
import { createProducts } from "../support/catalog-products.js";
import { startStack, type Stack } from "../support/stack.js";
import { DAY, HOUR, TestClock } from "../support/test-clock.js";
import { HousekeepingStore } from "../../subgraphs/cart/src/housekeeping/housekeeping.store.js";
import { ACTIVITY_BUILT_KEY, ACTIVITY_KEY } from "../../subgraphs/cart/src/housekeeping/activity-index.js";
import { barrier } from "../support/gate.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { cart { id } userErrors { code } } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartLine(productId: $p, quantity: $q) { cart { id } userErrors { code } } }`;
const REMOVE = `mutation($p: ID!) { removeFromCart(productId: $p) { cart { id } userErrors { code } } }`;
const CLEAR = `mutation { clearCart { cart { id } userErrors { code } } }`;
const CART = `{ cart { id abandoned lastActivityAt } }`;

const clock = new TestClock();
let stack: Stack;
let redis: Redis;
let a: string, b: string;

beforeAll(async () => {
  // Background work off: the test runs the relay and housekeeping itself, on its clock.
  stack = await startStack({ carts: 2, cartOptions: { clock, background: false } });
  redis = new Redis(process.env.REDIS_URL!);
  [a, b] = await createProducts(stack.catalog.db, 2);
});
afterAll(async () => {
  redis?.disconnect();
  await stack?.close();
});

/** The events of one cart in the stream, in stream order. */
async function streamEvents(cartId: string) {
  const entries = await redis.xrange(CART_EVENTS_STREAM, "-", "+");
  return entries
    .map(([, fields]) => JSON.parse(fields[fields.indexOf("event") + 1]))
    .filter((event) => event.aggregateId === cartId);
}

async function cartIdOf(token: string): Promise<string> {
  return (await stack.query(CART, {}, token)).data.cart.id;
}

describe("cart events", () => {
  it("each change writes its event; the relay publishes them in order with the contract's fields", async () => {
    const user = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub: user });
    await stack.query(ADD, { p: a, q: 2 }, token);
    await stack.query(ADD, { p: a, q: 1 }, token);
    await stack.query(UPDATE, { p: a, q: 5 }, token);
    await stack.query(ADD, { p: b, q: 1 }, token);
    await stack.query(REMOVE, { p: b }, token);
    await stack.query(CLEAR, {}, token);
    await stack.query(ADD, { p: a, q: 0 }, token); // refused: no event
    const cartId = await cartIdOf(token);

    await stack.cart.relay.drain();
    const events = await streamEvents(cartId);
    expect(events.map((e) => e.type)).toEqual(["CartItemAdded", "CartItemAdded", "CartItemQuantityChanged", "CartItemAdded", "CartItemRemoved", "CartCleared"]);
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(["aggregateId", "data", "id", "occurredAt", "type", "userId"]);
      expect(event.userId).toBe(user);
    }
    expect(events[1].data).toMatchObject({ productId: a, added: 1, quantity: 3 });
    expect(events[2].data).toEqual({ productId: a, from: 3, to: 5 });
    expect(events[5].data).toEqual({ lines: [{ productId: a, quantity: 5 }] });
  });

  it("nothing is lost while Redis is unreachable: changes succeed and their events go out later, once", async () => {
    const token = await userToken();
    await stack.query(ADD, { p: a, q: 1 }, token);
    await stack.cart.relay.drain();
    // A relay whose Redis is down cannot publish, and marks nothing as published.
    const deadRedis = createRedis("redis://127.0.0.1:1");
    const down = new OutboxRelay({ db: stack.cart.db, schema: "cart", stream: CART_EVENTS_STREAM, redis: deadRedis });
    const changed = await stack.query(ADD, { p: b, q: 2 }, token);
    expect(changed.data.addToCart.userErrors).toEqual([]);
    await expect(down.publishPending()).rejects.toThrow();
    deadRedis.disconnect();
    const cartId = await cartIdOf(token);
    expect((await streamEvents(cartId)).map((e) => e.type)).toEqual(["CartItemAdded"]);

    // Redis is back: the waiting event goes out once, and the other process's relay finds nothing
    // left to send. (Two relays holding batches at the same moment: libs/outbox's relay tests.)
    await stack.carts[0].relay.drain();
    expect(await stack.carts[1].relay.drain()).toBe(0);
    const events = await streamEvents(cartId);
    expect(events.map((e) => e.data.productId)).toEqual([a, b]);
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });

  it("admins read a cart's history; its owner and others may not", async () => {
    const owner = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub: owner });
    await stack.query(ADD, { p: a, q: 1 }, token);
    await stack.query(UPDATE, { p: a, q: 4 }, token);
    const HISTORY = `query($o: String!) { customerCart(ownerId: $o) { id cartEvents(first: 10) { type userId data occurredAt } } }`;
    const admin = await stack.query(HISTORY, { o: owner }, await userToken({ roles: ["admin"] }));
    expect(admin.errors).toBeUndefined();
    expect(admin.data.customerCart.cartEvents.map((e: any) => e.type)).toEqual(["CartItemQuantityChanged", "CartItemAdded"]);
    expect(admin.data.customerCart.cartEvents[0]).toMatchObject({ userId: owner, data: { from: 1, to: 4 } });
    const customer = await stack.query(HISTORY, { o: owner }, token);
    expect(customer.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const ownCart = await stack.query(`{ cart { cartEvents { type } } }`, {}, token);
    expect(ownCart.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("abandoned carts and guest expiry", () => {
  it("flags a cart idle for 24 hours once, publishes CartAbandoned once, and clears the flag on activity", async () => {
    const token = await userToken();
    await stack.query(ADD, { p: a, q: 1 }, token);
    const cartId = await cartIdOf(token);
    const idle = await userToken();
    await stack.query(CART, {}, idle); // an empty cart is never abandoned

    clock.advance(23 * HOUR);
    expect((await stack.cart.housekeeping.runOnce()).abandoned).not.toContain(cartId);
    clock.advance(2 * HOUR);
    // Both cart processes run housekeeping at the same moment: both meet inside their flagging
    // transaction before either flags, so only the conditional UPDATE keeps it to one flag and one event.
    const meet = barrier(2);
    const flagAbandoned = HousekeepingStore.prototype.flagAbandoned;
    const gated = vi.spyOn(HousekeepingStore.prototype, "flagAbandoned").mockImplementation(async function (this: HousekeepingStore, ...args) {
      await meet.arrive();
      return flagAbandoned.apply(this, args);
    });
    const [first, second] = await Promise.all([stack.carts[0].housekeeping.runOnce(), stack.carts[1].housekeeping.runOnce()]).finally(() => gated.mockRestore());
    expect([...first.abandoned, ...second.abandoned].filter((id) => id === cartId)).toHaveLength(1);
    expect([...first.abandoned, ...second.abandoned]).not.toContain(await cartIdOf(idle));
    expect((await stack.query(CART, {}, token)).data.cart.abandoned).toBe(true);

    clock.advance(DAY);
    await stack.cart.housekeeping.runOnce();
    await stack.cart.relay.drain();
    expect((await streamEvents(cartId)).filter((e) => e.type === "CartAbandoned")).toHaveLength(1);

    await stack.query(ADD, { p: a, q: 1 }, token);
    expect((await stack.query(CART, {}, token)).data.cart.abandoned).toBe(false);
    // Abandoned again after another idle day: a new abandonment, a new event.
    clock.advance(25 * HOUR);
    await stack.cart.housekeeping.runOnce();
    await stack.cart.relay.drain();
    expect((await streamEvents(cartId)).filter((e) => e.type === "CartAbandoned")).toHaveLength(2);
  });

  it("finds abandoned carts from Postgres when the Redis index was lost", async () => {
    const token = await userToken();
    await stack.query(ADD, { p: b, q: 1 }, token);
    const cartId = await cartIdOf(token);
    await redis.del(ACTIVITY_KEY, ACTIVITY_BUILT_KEY);
    clock.advance(25 * HOUR);
    expect((await stack.cart.housekeeping.runOnce()).abandoned).toContain(cartId);
  });

  it("deletes guest carts idle for 7 days and keeps user carts", async () => {
    const guest = (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession.token;
    const user = await userToken();
    await stack.query(ADD, { p: a, q: 1 }, guest);
    await stack.query(ADD, { p: a, q: 1 }, user);
    const [guestCart, userCart] = [await cartIdOf(guest), await cartIdOf(user)];
    clock.advance(6 * DAY);
    expect((await stack.cart.housekeeping.runOnce()).deleted).not.toContain(guestCart);
    clock.advance(DAY + HOUR);
    const { deleted } = await stack.cart.housekeeping.runOnce();
    expect(deleted).toContain(guestCart);
    expect(deleted).not.toContain(userCart);
    expect(await stack.cart.db.cart.count({ where: { id: guestCart } })).toBe(0);
    expect(await stack.cart.db.cart.count({ where: { id: userCart } })).toBe(1);
  });
});
