// Expiry of orders a payment has claimed, while the order hears nothing from payment (its
// payment-events consumer is stopped, as in a Redis outage longer than ORDER_PAYMENT_TIMEOUT):
// paid orders become PAID instead of expiring, an order whose payment is still being charged is
// left alone, orders without a (successful) payment expire, each exactly once with two order
// processes; and with the payment context down, no claimed order expires.
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { userToken } from "@trolley/testing";
import { startOrder } from "../../subgraphs/order/src/app.js";
import { readOrderConfig } from "../../subgraphs/order/src/config.js";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { OrderLifecycleStore } from "../../subgraphs/order/src/lifecycle/order-lifecycle.store.js";
import { barrier, gate } from "../support/gate.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const MINUTE = 60_000;
const PAY = `mutation($o: ID!, $t: String!, $k: String!) { payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) { payment { id status } userErrors { code } } }`;

const clock = new TestClock();
let stack: Stack;
let second: Awaited<ReturnType<typeof startOrder>>;
let cutOff: Awaited<ReturnType<typeof startOrder>>;

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)));
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  // The order's relay, payment-events consumer and housekeeping run only when the test says so.
  stack = await startStack({ orderOptions: { clock, background: false } });
  const env = { NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", METRICS_PORT: "0", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, CART_URL: stack.cart.url, CATALOG_URL: stack.catalog.url, PRICING_URL: stack.pricing.url };
  // A second order process on the same database, as in a deployment with two replicas.
  second = await startOrder(readOrderConfig({ ...env, PAYMENT_URL: stack.payment.url }), { clock, background: false });
  // And one that cannot reach the payment context (nothing listens there).
  cutOff = await startOrder(readOrderConfig({ ...env, PAYMENT_URL: `http://127.0.0.1:${await freePort()}/graphql`, SUBGRAPH_CALL_TIMEOUT_MS: "500" }), { clock, background: false });
});
afterAll(async () => {
  await cutOff?.close();
  await second?.close();
  await stack?.close();
});

async function placedOrder(productId: string) {
  const token = await userToken();
  await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { userErrors { code } } }`, { p: productId }, token);
  await readyToCheckOut(stack, token);
  const { order } = (await stack.query(`mutation { checkout(idempotencyKey: "exp") { order { id } userErrors { code } } }`, {}, token)).data.checkout;
  return { token, id: order.id as string };
}

const pay = (order: { id: string; token: string }, paymentMethodToken: string) =>
  stack.query(PAY, { o: order.id, t: paymentMethodToken, k: crypto.randomUUID() }, order.token).then((r) => r.data.payOrder);
const statusOf = async (orderId: string) => (await stack.order.db.order.findUniqueOrThrow({ where: { id: orderId } })).status;
const eventsOf = (orderId: string, type: string) => stack.order.db.outboxEvent.count({ where: { aggregateId: orderId, type } });

describe("payment timeout of claimed orders while payment events do not arrive", () => {
  it("pays the paid, waits for the charging, expires the rest, and never expires a claimed order it cannot check", async () => {
    const [productId] = await createProducts(stack.catalog.db, 1, { stock: 10 });
    const paid = await placedOrder(productId);
    const unpaid = await placedOrder(productId);
    const declined = await placedOrder(productId);
    const charging = await placedOrder(productId);

    expect((await pay(paid, "tok_visa")).payment.status).toBe("SUCCEEDED");
    expect((await pay(declined, "tok_chargeDeclined")).payment.status).toBe("FAILED");
    // A charge still under way: held inside the provider until the end of the test.
    const provider = stack.payment.provider;
    const realCharge = provider.charge.bind(provider);
    const held = gate();
    vi.spyOn(provider, "charge").mockImplementation(async (request) => {
      await held.pass();
      return realCharge(request);
    });
    const chargingPayment = pay(charging, "tok_visa");
    // Whatever happens below, the held request is let go before the stack closes.
    onTestFinished(() => held.open());
    await held.entered;
    for (const order of [paid, declined, charging]) expect(await statusOf(order.id)).toBe("PENDING_PAYMENT");
    // The database is shared with other tests' orders, which expire too: look at ours only.
    const ours = new Set([paid, unpaid, declined, charging].map((order) => order.id));
    const mine = (result: { expired: string[]; paid: string[] }) => ({ expired: result.expired.filter((id) => ours.has(id)), paid: result.paid.filter((id) => ours.has(id)) });

    clock.advance(16 * MINUTE);

    // Payment unreachable: only the unclaimed order expires.
    const blind = await cutOff.housekeeping.runOnce();
    expect(mine(blind)).toEqual({ expired: [unpaid.id], paid: [] });
    for (const order of [paid, declined, charging]) expect(await statusOf(order.id)).toBe("PENDING_PAYMENT");

    // Two processes that can ask payment, at once: both have read the same claimed orders before
    // either moves one, so only the conditional moves keep each order from moving twice.
    const meet = barrier(2);
    const claimedOverdue = OrderLifecycleStore.prototype.claimedOverdue;
    const gated = vi.spyOn(OrderLifecycleStore.prototype, "claimedOverdue").mockImplementation(async function (this: OrderLifecycleStore, ...args) {
      const claimed = await claimedOverdue.apply(this, args);
      await meet.arrive();
      return claimed;
    });
    const [a, b] = await Promise.all([stack.order.housekeeping.runOnce(), second.housekeeping.runOnce()]).finally(() => gated.mockRestore());
    expect([...mine(a).paid, ...mine(b).paid]).toEqual([paid.id]);
    expect([...mine(a).expired, ...mine(b).expired]).toEqual([declined.id]);
    expect(await statusOf(paid.id)).toBe("PAID");
    expect(await statusOf(declined.id)).toBe("CANCELLED");
    expect(await statusOf(charging.id)).toBe("PENDING_PAYMENT");
    expect(await statusOf(unpaid.id)).toBe("CANCELLED");
    expect([await eventsOf(paid.id, "OrderPaid"), await eventsOf(paid.id, "OrderCancelled")]).toEqual([1, 0]);
    expect([await eventsOf(declined.id, "OrderCancelled"), await eventsOf(unpaid.id, "OrderCancelled")]).toEqual([1, 1]);

    // The delayed payment events arrive at last: nothing moves twice.
    await stack.order.payments.processAvailable();
    expect(await eventsOf(paid.id, "OrderPaid")).toBe(1);
    expect(await statusOf(declined.id)).toBe("CANCELLED");

    // The charge completes; the next round finds it paid.
    held.open();
    expect((await chargingPayment).payment.status).toBe("SUCCEEDED");
    await stack.payment.relay.drain();
    await stack.order.payments.processAvailable();
    expect(await statusOf(charging.id)).toBe("PAID");

    // The catalog: the paid orders' units leave the shop, the expired ones' go back on sale.
    await stack.order.relay.drain();
    await eventually(async () => {
      const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: productId } });
      expect(row).toMatchObject({ stockOnHand: 8, stockReserved: 0 });
    });
  });
});
