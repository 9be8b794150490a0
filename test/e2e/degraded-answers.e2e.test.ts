// Degraded, not dark: with a subgraph stopped or frozen, the owner's data still answers and only
// the fields the missing service resolves are null, with one error naming it. The catalog runs as
// its own process here so that it can be frozen with SIGSTOP (it keeps its sockets open and never
// answers), the failure a hung process or a network partition looks like.
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, graphql, userToken } from "@trolley/testing";
import { startCart, type CartApp } from "../../subgraphs/cart/src/app.js";
import { readCartConfig } from "../../subgraphs/cart/src/config.js";
import { connectCatalogDb, type CatalogDb } from "../../subgraphs/catalog/src/db.js";
import { startOrder } from "../../subgraphs/order/src/app.js";
import { readOrderConfig } from "../../subgraphs/order/src/config.js";
import { startPayment } from "../../subgraphs/payment/src/app.js";
import { readPaymentConfig } from "../../subgraphs/payment/src/config.js";
import { startPricing } from "../../subgraphs/pricing/src/app.js";
import { readPricingConfig } from "../../subgraphs/pricing/src/config.js";
import { startShipping } from "../../subgraphs/shipping/src/app.js";
import { readShippingConfig } from "../../subgraphs/shipping/src/config.js";
import { startGateway } from "../../gateway/src/app.js";
import { readGatewayConfig } from "../../gateway/src/config.js";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOutAt } from "../support/delivery.js";
import { freePorts, ServiceProcess } from "../support/service-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const env = { NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, OTEL_TRACES_EXPORTER: "none", METRICS_PORT: "0" };
const CART = `{ cart { id totalQuantity lines { productId quantity product { name } subtotal { amount } } cost { total { amount } } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status total { amount } lines { productName quantity } payments { status } } }`;

const closers: (() => Promise<unknown>)[] = [];
let catalogUrl: string;
let catalogPort: number;
let catalog: ServiceProcess;
let catalogDb: CatalogDb;
let cart: CartApp;
let payment: Awaited<ReturnType<typeof startPayment>>;
let pricing: Awaited<ReturnType<typeof startPricing>>;
let gatewayUrl: string;
let token: string;
let productId: string;
let orderId: string;

async function startCatalogProcess() {
  catalog = new ServiceProcess(root, "subgraphs/catalog/src/main.ts", { ...env, PORT: String(catalogPort) });
  await catalog.until(`http://127.0.0.1:${catalogPort}/health/ready`);
}

beforeAll(async () => {
  [catalogPort] = await freePorts(1);
  catalogUrl = `http://127.0.0.1:${catalogPort}/graphql`;
  await startCatalogProcess();
  catalogDb = connectCatalogDb(env.DATABASE_URL);
  closers.push(() => catalogDb.$disconnect());
  // Checkout needs the cart's shipping selection: shipping offers it to the cart and judges it again
  // for the order, and the cart's cost takes the selected shipping's price from it.
  const shipping = await startShipping(readShippingConfig({ ...env, PORT: "0" }));
  closers.unshift(() => shipping.close());
  cart = await startCart(readCartConfig({ ...env, PORT: "0", CATALOG_URL: catalogUrl, SHIPPING_URL: shipping.url }));
  closers.unshift(() => cart.close());
  // Before the order: checkout has pricing quote the order.
  pricing = await startPricing(readPricingConfig({ ...env, PORT: "0" }));
  closers.unshift(() => pricing.close());
  const order = await startOrder(readOrderConfig({ ...env, PORT: "0", CART_URL: cart.url, CATALOG_URL: catalogUrl, PRICING_URL: pricing.url, SHIPPING_URL: shipping.url }));
  closers.unshift(() => order.close());
  payment = await startPayment(readPaymentConfig({ ...env, PORT: "0", ORDER_URL: order.url }));
  const gateway = await startGateway(
    readGatewayConfig({ ...env, PORT: "0", CATALOG_URL: catalogUrl, CART_URL: cart.url, ORDER_URL: order.url, PAYMENT_URL: payment.url, PRICING_URL: pricing.url, SHIPPING_URL: shipping.url, SUBGRAPH_TIMEOUT_MS: "1000" }),
  );
  closers.unshift(() => gateway.close());
  gatewayUrl = gateway.url;

  [productId] = await createProducts(catalogDb, 1, { priceMinor: 1250 });
  token = await userToken();
  // The gateway's short timeout is for the frozen catalog below: first let the catalog's process
  // answer once through it (its first requests are slow on a busy machine), so that the cart's
  // addToCart, which is no retry-safe call, is not cut short by it.
  await eventually(async () => (await graphql(gatewayUrl, `{ product(id: "${productId}") { name } }`)).errors === undefined);
  const added = await graphql(gatewayUrl, `mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { variables: { p: productId }, token });
  expect(added.errors ?? added.data.addToCart.userErrors).toEqual([]);
  await readyToCheckOutAt(gatewayUrl, token);
  // The gateway's short timeout is for the frozen catalog below; a first checkout on a busy machine
  // may outlast it, and a client retries it with the same key (checkout is idempotent on it).
  let placed = await graphql(gatewayUrl, `mutation { checkout(idempotencyKey: "degraded") { order { id } userErrors { code } } }`, { token });
  for (let retry = 0; retry < 5 && placed.errors?.[0]?.extensions?.code === "SERVICE_UNAVAILABLE"; retry++) {
    placed = await graphql(gatewayUrl, `mutation { checkout(idempotencyKey: "degraded") { order { id } userErrors { code } } }`, { token });
  }
  if (!placed.data?.checkout.order) throw new Error(`checkout failed: ${JSON.stringify(placed)}`);
  orderId = placed.data.checkout.order.id;
  await graphql(gatewayUrl, `mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { variables: { p: productId }, token });
}, 90_000);

afterAll(async () => {
  await catalog?.stop();
  for (const close of closers) await close().catch(() => {});
});

const degradedCart = () => ({ totalQuantity: 2, lines: [{ productId, quantity: 2, product: null, subtotal: null }], cost: null });

describe("with the catalog unavailable", () => {
  // Pricing answers the line subtotals and the cost from the catalog's prices: without them it
  // prices nothing (never a made-up price), and its error names the catalog, folded into one.
  it("answers the cart's lines and quantities, the catalog's fields and the prices null and one error naming it (stopped)", async () => {
    expect((await graphql(gatewayUrl, CART, { token })).data.cart).toMatchObject({ lines: [{ product: { name: expect.any(String) }, subtotal: { amount: "25.00" } }] });
    await catalog.stop();

    const answer = await graphql(gatewayUrl, CART, { token });
    expect(answer.data.cart).toMatchObject(degradedCart());
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "catalog" });
  });

  it("answers the same when the catalog hangs (SIGSTOP), within the subgraph timeout", async () => {
    await startCatalogProcess();
    expect((await graphql(gatewayUrl, CART, { token })).errors).toBeUndefined();
    catalog.signal("SIGSTOP");
    try {
      const answer = await graphql(gatewayUrl, CART, { token });
      expect(answer.data.cart).toMatchObject(degradedCart());
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "catalog" });
    } finally {
      catalog.signal("SIGCONT");
    }
    expect((await graphql(gatewayUrl, CART, { token })).errors).toBeUndefined();
  });
});

describe("with the payment subgraph unavailable", () => {
  it("answers the order with its snapshot, payments null and one error naming the payment service", async () => {
    const before = await graphql(gatewayUrl, ORDER, { variables: { id: orderId }, token });
    expect(before.data.order).toMatchObject({ id: orderId, status: "PENDING_PAYMENT", payments: [] });
    await payment.close();

    const answer = await graphql(gatewayUrl, ORDER, { variables: { id: orderId }, token });
    // 2 x 12.50 = 25.00 plus California's estimated 7.25%: 25.00 x 0.0725 = 1.8125 -> 1.81 (half-even), 26.81.
    expect(answer.data.order).toEqual({ id: orderId, status: "PENDING_PAYMENT", total: { amount: "26.81" }, lines: [{ productName: expect.any(String), quantity: 2 }], payments: null });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "payment" });
  });
});

describe("with the pricing subgraph unavailable", () => {
  it("answers the cart's lines and products, the prices null and one error naming pricing", async () => {
    const PRICED = `{ cart { totalQuantity lines { productId quantity product { name } subtotal { amount } cost { total { amount } } discounts { title } } cost { total { amount } } discountCodes { code } } }`;
    expect((await graphql(gatewayUrl, PRICED, { token })).errors).toBeUndefined();
    await pricing.close();

    const answer = await graphql(gatewayUrl, PRICED, { token });
    expect(answer.data.cart).toEqual({
      totalQuantity: 2,
      lines: [{ productId, quantity: 2, product: { name: expect.any(String) }, subtotal: null, cost: null, discounts: null }],
      cost: null,
      discountCodes: null,
    });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "pricing" });
  });
});
