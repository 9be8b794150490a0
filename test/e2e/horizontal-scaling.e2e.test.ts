// Two processes of every subgraph and two gateways, the client in front of a round-robin proxy:
// shoppers buy at the same time, each with a live cart, and nothing is lost or doubled. Every
// process is its own app (pools, outbox relays, stream consumers, background jobs) on one database
// and one Redis, as replicas run in production.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareStreamIds } from "@trolley/outbox";
import { eventually, graphql, sampleValue, scrapeMetrics, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOutAt } from "../support/delivery.js";
import type { GatewayApp } from "../../gateway/src/app.js";
import { gatewayFactory } from "../support/gateway-http.js";
import { openLiveCart, type LiveCartClient } from "../support/live-cart.js";
import { startRoundRobinProxy } from "../support/round-robin-proxy.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartLine(productId: $p, quantity: $q) { userErrors { code } } }`;
const CHECKOUT = `mutation($k: String!) { checkout(idempotencyKey: $k) { order { id status } userErrors { code } } }`;
const PAY = `mutation($o: ID!, $k: String!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: $k) { payment { status } userErrors { code } } }`;
const ORDER = `query($id: ID!) { order(id: $id) {
  status total { amount }
  lines { product { id } quantity unitPrice { amount } subtotal { amount } tax { amount } }
  cost { subtotal { amount } tax { amount } total { amount } } } }`;
const LIVE = `subscription { cartUpdated { cause cart { id lines { productId quantity } } } }`;

const SHOPPERS = 6;
const STOCK = 100;
// Prices whose 7.25% estimated tax (the shop's default place) is whole cents per unit: 0.29, 0.58, 0.87.
const PRICES = [400, 800, 1200];
const TAX_PER_UNIT = [29, 58, 87];

let stack: Stack;
const gateways = gatewayFactory(() => stack);
let second: GatewayApp;
let front: Awaited<ReturnType<typeof startRoundRobinProxy>>;
let redis: Redis;
const opened: LiveCartClient[] = [];

beforeAll(async () => {
  stack = await startStack({ replicas: 2 });
  second = await gateways.start();
  front = await startRoundRobinProxy([stack.gateway.url, second.url]);
  redis = new Redis(process.env.REDIS_URL!);
});
afterAll(async () => {
  await Promise.all(opened.map((live) => live.close()));
  await front?.close();
  await gateways.closeAll();
  await stack?.close();
  redis?.disconnect();
});

/** Minor units as the API writes them: 1234 -> "12.34". */
const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
const byProduct = (lines: { productId: string; quantity: number }[]) => [...lines].sort((a, b) => a.productId.localeCompare(b.productId));

async function send(token: string, query: string, variables: Record<string, unknown>, field: string) {
  const answer = await graphql(front.url, query, { variables, token });
  expect(answer.errors).toBeUndefined();
  expect(answer.data[field].userErrors).toEqual([]);
  return answer.data[field];
}

/** The stream's newest id (0-0 before its first entry). */
async function newestId(stream: string): Promise<string> {
  const info = (await redis.xinfo("STREAM", stream).catch(() => null)) as unknown[] | null;
  if (!info) return "0-0";
  return String(info[info.indexOf("last-generated-id") + 1]);
}

// The subgraphs' consumer groups (each context consumes as its own name); other groups on the
// streams are other tests' own.
const CONTEXTS = new Set(["catalog", "cart", "order", "payment", "pricing", "shipping"]);

/**
 * Every context's consumer group on the stream has been handed every entry, and acknowledged
 * those since `since` (entries left unacknowledged by earlier files' processes are no concern of
 * this test): nothing of this test is left to be processed, or processed again.
 */
async function settled(stream: string, since: string): Promise<boolean> {
  const newest = await newestId(stream);
  for (const raw of (await redis.xinfo("GROUPS", stream)) as unknown[][]) {
    const group = new Map<string, unknown>();
    for (let i = 0; i + 1 < raw.length; i += 2) group.set(String(raw[i]), raw[i + 1]);
    if (!CONTEXTS.has(String(group.get("name")))) continue;
    if (String(group.get("last-delivered-id")) !== newest) return false;
    const pending = (await redis.xpending(stream, String(group.get("name")), "-", "+", 1000)) as [string, ...unknown[]][];
    if (pending.some(([id]) => compareStreamIds(id, since) > 0)) return false;
  }
  return true;
}

interface Shopper {
  userId: string;
  token: string;
  live: LiveCartClient;
  cartIds: string[];
  /** What the shopper put in: quantity per product. */
  quantities: number[];
  orderId?: string;
}

/** The shopper's next push: the expected cause, on the shopper's own cart, with these lines. */
async function expectPush(shopper: Shopper, cause: string, cartId: string, lines: { productId: string; quantity: number }[]) {
  const push = await shopper.live.nextCart();
  expect(push.cause).toBe(cause);
  expect(push.cart.id).toBe(cartId);
  expect(byProduct(push.cart.lines)).toEqual(byProduct(lines));
  return push;
}

async function shop(shopper: Shopper, products: string[], index: number) {
  const [cartId] = shopper.cartIds;
  const lines: { productId: string; quantity: number }[] = [];
  const initial = [1 + (index % 3), 2, 1 + index];
  for (const [i, product] of products.entries()) {
    await send(shopper.token, ADD, { p: product, q: initial[i] }, "addToCart");
    lines.push({ productId: product, quantity: initial[i]! });
    await expectPush(shopper, "ITEM_ADDED", cartId!, lines);
  }
  const changed = 3 + (index % 2);
  await send(shopper.token, UPDATE, { p: products[1], q: changed }, "updateCartLine");
  lines[1] = { productId: products[1]!, quantity: changed };
  shopper.quantities = [initial[0]!, changed, initial[2]!];
  await expectPush(shopper, "QUANTITY_CHANGED", cartId!, lines);

  await readyToCheckOutAt(front.url, shopper.token);
  // The last push before checkout: the cart with its final quantities.
  await expectPush(shopper, "SHIPPING_CHANGED", cartId!, lines);

  const placed = await send(shopper.token, CHECKOUT, { k: `checkout-${shopper.userId}` }, "checkout");
  shopper.orderId = placed.order.id;
  const checkedOut = await shopper.live.nextCart();
  expect(checkedOut.cause).toBe("CHECKED_OUT");
  expect(checkedOut.cart.lines).toEqual([]);
  expect(checkedOut.cart.id).not.toBe(cartId);
  shopper.cartIds.push(checkedOut.cart.id);

  const paid = await send(shopper.token, PAY, { o: shopper.orderId, k: `pay-${shopper.userId}` }, "payOrder");
  expect(paid.payment.status).toBe("SUCCEEDED");
}

describe("two processes of everything", () => {
  it("serve concurrent shoppers without losing or doubling anything", async () => {
    const products = await Promise.all(PRICES.map(async (priceMinor) => (await createProducts(stack.catalog.db, 1, { priceMinor, stock: STOCK }))[0]!));
    const since = { order: await newestId("order-events"), payment: await newestId("payment-events") };

    // Every shopper's live cart, through the front proxy: the upgrades alternate between the gateways.
    const shoppers: Shopper[] = await Promise.all(
      Array.from({ length: SHOPPERS }, async () => {
        const userId = `user-${randomUUID()}`;
        const token = await userToken({ sub: userId });
        const { live, first } = await openLiveCart(front.url, token, LIVE);
        opened.push(live);
        expect(first).toMatchObject({ cause: "SUBSCRIBED", cart: { lines: [] } });
        return { userId, token, live, cartIds: [first.cart.id], quantities: [] };
      }),
    );
    for (const gateway of [stack.gateway, second]) expect(sampleValue(await scrapeMetrics(gateway.metricsUrl!), "trolley_live_cart_subscriptions")).toBe(SHOPPERS / 2);

    await Promise.all(shoppers.map((shopper, index) => shop(shopper, products, index)));

    // Each order: the shopper's lines and totals, paid once.
    for (const shopper of shoppers) {
      const order = await eventually(async () => {
        const answer = await graphql(front.url, ORDER, { variables: { id: shopper.orderId }, token: shopper.token });
        expect(answer.data.order.status).toBe("PAID");
        return answer.data.order;
      });
      const subtotal = shopper.quantities.reduce((sum, q, i) => sum + q * PRICES[i]!, 0);
      const tax = shopper.quantities.reduce((sum, q, i) => sum + q * TAX_PER_UNIT[i]!, 0);
      const expected = products.map((id, i) => {
        const quantity = shopper.quantities[i]!;
        return { product: { id }, quantity, unitPrice: { amount: money(PRICES[i]!) }, subtotal: { amount: money(quantity * PRICES[i]!) }, tax: { amount: money(quantity * TAX_PER_UNIT[i]!) } };
      });
      const byId = (a: { product: { id: string } }, b: { product: { id: string } }) => a.product.id.localeCompare(b.product.id);
      expect([...order.lines].sort(byId)).toEqual(expected.sort(byId));
      expect(order.cost).toEqual({ subtotal: { amount: money(subtotal) }, tax: { amount: money(tax) }, total: { amount: money(subtotal + tax) } });
      expect(order.total).toEqual({ amount: money(subtotal + tax) });
    }

    // Every event of this test handed to every consumer group and acknowledged: from here on,
    // nothing more can be applied, so what the databases hold now is final.
    await eventually(async () => (await settled("order-events", since.order)) && (await settled("payment-events", since.payment)));

    for (const shopper of shoppers) {
      const payments = await stack.payment.db.payment.findMany({ where: { orderId: shopper.orderId! } });
      expect(payments.map((p) => p.status)).toEqual(["SUCCEEDED"]);
      const paymentEvents = await stack.payment.db.outboxEvent.findMany({ where: { aggregateId: payments[0]!.id } });
      expect(paymentEvents.map((e) => e.type)).toEqual(["PaymentSucceeded"]);
      const events = await stack.order.db.outboxEvent.findMany({ where: { aggregateId: shopper.orderId! }, orderBy: { position: "asc" } });
      expect(events.map((e) => e.type)).toEqual(["OrderCreated", "OrderPaid"]);
    }
    const sold = products.map((_, i) => shoppers.reduce((sum, shopper) => sum + shopper.quantities[i]!, 0));
    for (const [i, id] of products.entries()) {
      const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id } });
      expect({ id, stockOnHand: row.stockOnHand, stockReserved: row.stockReserved }).toEqual({ id, stockOnHand: STOCK - sold[i]!, stockReserved: 0 });
    }

    // Each live cart follows the shopper's new cart, and nothing else came in before the change
    // made now: no shopper was ever pushed another shopper's cart.
    const everyCart = shoppers.flatMap((shopper) => shopper.cartIds);
    expect(new Set(everyCart).size).toBe(everyCart.length);
    await Promise.all(
      shoppers.map(async (shopper) => {
        await send(shopper.token, ADD, { p: products[0], q: 1 }, "addToCart");
        await expectPush(shopper, "ITEM_ADDED", shopper.cartIds[1]!, [{ productId: products[0]!, quantity: 1 }]);
        expect(shopper.live.unread).toBe(0);
      }),
    );
  });
});
