// When a subgraph or a dependency fails: the gateway answers what it still can, names what is
// missing, never hangs, and recovers by itself when the service returns.
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, sampleValue, scrapeMetrics, userToken } from "@trolley/testing";
import { startCatalog, type CatalogApp } from "../../subgraphs/catalog/src/app.js";
import { readCatalogConfig } from "../../subgraphs/catalog/src/config.js";
import { startCart } from "../../subgraphs/cart/src/app.js";
import { readCartConfig } from "../../subgraphs/cart/src/config.js";
import { startGateway } from "../../gateway/src/app.js";
import { readGatewayConfig } from "../../gateway/src/config.js";
import { createProducts } from "../support/catalog-products.js";
import { startStack, type Stack } from "../support/stack.js";

const env = () => ({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, PORT: "0", METRICS_PORT: "0" });
const ready = async (graphqlUrl: string) => (await fetch(new URL("/health/ready", graphqlUrl))).status;

let stack: Stack;
let token: string;
let productId: string;
let catalog: CatalogApp | undefined;

beforeAll(async () => {
  stack = await startStack({ env: { SUBGRAPH_TIMEOUT_MS: "2000" } });
  [productId] = await createProducts(stack.catalog.db, 1);
  token = await userToken();
  await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { p: productId }, token);
});
afterAll(async () => {
  await catalog?.close();
  await stack?.close().catch(() => {});
});

describe("with the catalog down", () => {
  it("serves what other subgraphs own, and names the missing service for the rest", async () => {
    const port = stack.catalog.port;
    await stack.catalog.close();
    expect(await ready(stack.gateway.url)).toBe(503);

    // The cart's own fields need no catalog.
    const cart = await stack.query(`{ cart { totalQuantity lines { quantity product { id } } } }`, {}, token);
    expect(cart.errors).toBeUndefined();
    expect(cart.data.cart).toEqual({ totalQuantity: 2, lines: [{ quantity: 2, product: { id: productId } }] });

    // Mixed: the cart's part arrives, the catalog's nullable part is null with an error naming the catalog.
    const mixed = await stack.query(`query($p: ID!) { cart { totalQuantity } product(id: $p) { name } }`, { p: productId }, token);
    expect(mixed.data).toEqual({ cart: { totalQuantity: 2 }, product: null });
    expect(mixed.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "SERVICE_UNAVAILABLE", service: "catalog" }) })]);
    expect(JSON.stringify(mixed.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);

    // Comes back on the same address: the gateway recovers by itself.
    catalog = await startCatalog(readCatalogConfig({ ...env(), PORT: String(port) }));
    const product = await stack.query(`query($p: ID!) { product(id: $p) { name } }`, { p: productId });
    expect(product.errors).toBeUndefined();
    expect(product.data.product.name).toMatch(/^Test product/);
    expect(await ready(stack.gateway.url)).toBe(200);
  });
});

describe("readiness", () => {
  it("keeps the gateway ready while order, payment, pricing and shipping are down, naming them degraded; not without cart or catalog", async () => {
    const down = "http://127.0.0.1:9/graphql";
    const gateway = await startGateway(readGatewayConfig({ ...env(), CATALOG_URL: stack.catalog.url, CART_URL: stack.cart.url, ORDER_URL: down, PAYMENT_URL: down, PRICING_URL: down, SHIPPING_URL: down }));
    const withoutCart = await startGateway(
      readGatewayConfig({ ...env(), CATALOG_URL: stack.catalog.url, CART_URL: down, ORDER_URL: stack.order.url, PAYMENT_URL: stack.payment.url, PRICING_URL: stack.pricing.url, SHIPPING_URL: stack.shipping.url }),
    );
    try {
      const health = await fetch(new URL("/health/ready", gateway.url));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", checks: { catalog: "ok", cart: "ok", order: "degraded", payment: "degraded", pricing: "degraded", shipping: "degraded" } });
      const unready = await fetch(new URL("/health/ready", withoutCart.url));
      expect(unready.status).toBe(503);
      expect(await unready.json()).toEqual({ status: "unavailable", checks: { catalog: "ok", cart: "unavailable", order: "ok", payment: "ok", pricing: "ok", shipping: "ok" } });
    } finally {
      await gateway.close();
      await withoutCart.close();
    }
  });
});

describe("a subgraph that hangs", () => {
  it("costs at most the subgraph timeout, then an error naming it", async () => {
    // Accepts connections and never answers.
    const sockets: import("node:net").Socket[] = [];
    const blackhole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(blackhole.address() as AddressInfo).port}/graphql`;
    const gateway = await startGateway(readGatewayConfig({ ...env(), CATALOG_URL: url, CART_URL: url, ORDER_URL: url, PAYMENT_URL: url, PRICING_URL: url, SHIPPING_URL: url, SUBGRAPH_TIMEOUT_MS: "300" }));
    try {
      const started = Date.now();
      const result = await graphql(gateway.url, `{ categories { slug } }`);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(result.errors?.[0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "catalog" });
    } finally {
      await gateway.close();
      for (const socket of sockets) socket.destroy();
      blackhole.close();
    }
  });
});

describe("starting without dependencies", () => {
  it("a gateway starts and serves from its supergraph file while subgraphs are down", async () => {
    const gateway = await startGateway(
      readGatewayConfig({
        ...env(),
        CATALOG_URL: "http://127.0.0.1:9/graphql",
        CART_URL: "http://127.0.0.1:9/graphql",
        ORDER_URL: "http://127.0.0.1:9/graphql",
        PAYMENT_URL: "http://127.0.0.1:9/graphql",
        PRICING_URL: "http://127.0.0.1:9/graphql",
        SHIPPING_URL: "http://127.0.0.1:9/graphql",
      }),
    );
    try {
      expect(await ready(gateway.url)).toBe(503);
      const result = await graphql(gateway.url, `{ categories { slug } }`);
      expect(result.status).toBe(200);
      expect(result.errors?.[0].extensions?.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await gateway.close();
    }
  });

  it("a subgraph whose database is unreachable starts, reports not ready, and does not crash; without Redis it is ready and degraded", async () => {
    const cart = await startCart(readCartConfig({ ...env(), DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none", REDIS_URL: "redis://127.0.0.1:1" }), { background: false });
    try {
      expect(await ready(cart.url)).toBe(503);
      expect((await fetch(new URL("/health/live", cart.url))).status).toBe(200);
    } finally {
      await cart.close();
    }
    const noRedis = await startCart(readCartConfig({ ...env(), REDIS_URL: "redis://127.0.0.1:1" }), { background: false });
    try {
      const health = await fetch(new URL("/health/ready", noRedis.url));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok", checks: { database: "ok", redis: "degraded" } });
      expect(sampleValue(await scrapeMetrics(noRedis.metricsUrl!), "trolley_dependency_up", { dependency: "redis" })).toBe(0);
      expect(sampleValue(await scrapeMetrics(noRedis.metricsUrl!), "trolley_dependency_up", { dependency: "database" })).toBe(1);
    } finally {
      await noRedis.close();
    }
  });
});
