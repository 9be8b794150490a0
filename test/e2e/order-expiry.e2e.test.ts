// Unpaid orders expire after ORDER_PAYMENT_TIMEOUT: cancelled and their stock released exactly
// once, even with two order processes running the job at the same moment.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { userToken } from "@trolley/testing";
import { startOrder } from "../../subgraphs/order/src/app.js";
import { readOrderConfig } from "../../subgraphs/order/src/config.js";
import { createProducts } from "../support/catalog-products.js";
import { OrderLifecycleStore } from "../../subgraphs/order/src/lifecycle/order-lifecycle.store.js";
import { eventually } from "@trolley/testing";
import { barrier } from "../support/gate.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const MINUTE = 60_000;
const clock = new TestClock();
let stack: Stack;
let second: Awaited<ReturnType<typeof startOrder>>;

beforeAll(async () => {
  stack = await startStack({ orderOptions: { clock } });
  // A second order process on the same database, as in a deployment with two replicas.
  second = await startOrder(
    readOrderConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", METRICS_PORT: "0", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, CART_URL: stack.cart.url, CATALOG_URL: stack.catalog.url, PRICING_URL: stack.pricing.url }),
    { clock, background: false },
  );
});
afterAll(async () => {
  await second?.close();
  await stack?.close();
});

describe("payment timeout", () => {
  it("cancels an unpaid order after 15 minutes and releases its stock once", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 3 });
    const token = await userToken();
    await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { p }, token);
    await readyToCheckOut(stack, token);
    const { order } = (await stack.query(`mutation { checkout(idempotencyKey: "exp") { order { id } userErrors { code } } }`, {}, token)).data.checkout;
    const STATUS = `query($id: ID!) { order(id: $id) { status } }`;

    clock.advance(14 * MINUTE);
    expect((await stack.order.housekeeping.runOnce()).expired).not.toContain(order.id);
    clock.advance(2 * MINUTE);
    // Both processes meet inside their expiry transaction before either updates: only the
    // conditional update (and SKIP LOCKED) keeps the order from being cancelled twice.
    const meet = barrier(2);
    const expireUnclaimed = OrderLifecycleStore.prototype.expireUnclaimed;
    const gated = vi.spyOn(OrderLifecycleStore.prototype, "expireUnclaimed").mockImplementation(async function (this: OrderLifecycleStore, ...args) {
      await meet.arrive();
      return expireUnclaimed.apply(this, args);
    });
    const [a, b] = await Promise.all([stack.order.housekeeping.runOnce(), second.housekeeping.runOnce()]).finally(() => gated.mockRestore());
    expect([...a.expired, ...b.expired].filter((id) => id === order.id)).toHaveLength(1);
    expect((await stack.query(STATUS, { id: order.id }, token)).data.order.status).toBe("CANCELLED");

    const cancellations = await stack.order.db.outboxEvent.count({ where: { aggregateId: order.id, type: "OrderCancelled" } });
    expect(cancellations).toBe(1);
    await eventually(async () => {
      const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } });
      expect(row).toMatchObject({ stockOnHand: 3, stockReserved: 0 });
    });
    // A cancelled order can no longer be cancelled (or paid).
    const again = await stack.query(`mutation($id: ID!) { cancelOrder(id: $id) { userErrors { code } } }`, { id: order.id }, token);
    expect(again.data.cancelOrder.userErrors.map((e: any) => e.code)).toEqual(["ORDER_NOT_CANCELLABLE"]);
  });
});
