// What production runs: the compiled processes, started with plain node (no tsx loader, so a
// TypeScript file reached at run time fails), configured for production, answering a purchase
// through the gateway. Builds first unless TROLLEY_PREBUILT=1 says `pnpm build` just ran (CI).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphql, PRODUCTION_INTERNAL_SECRET, PRODUCTION_JWT_SECRET, userToken } from "@trolley/testing";
import { serviceArgs } from "../../scripts/service-command.js";
import { readyToCheckOutAt } from "../support/delivery.js";
import { freePorts, ServiceProcess } from "../support/service-process.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const services: ServiceProcess[] = [];
let gatewayUrl: string;

async function startCompiled(dir: string, port: number, metricsPort: number, env: Record<string, string>) {
  const service = new ServiceProcess(root, serviceArgs(dir, "compiled"), { ...env, PORT: String(port), METRICS_PORT: String(metricsPort) });
  services.push(service);
  await service.until(`http://127.0.0.1:${port}/health/ready`);
  return `http://127.0.0.1:${port}/graphql`;
}

beforeAll(async () => {
  if (process.env.TROLLEY_PREBUILT !== "1") execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  const [catalog, cart, order, payment, pricing, shipping, gateway, ...metrics] = await freePorts(14);
  const env = {
    NODE_ENV: "production",
    LOG_LEVEL: "error",
    DATABASE_URL: process.env.DATABASE_URL!,
    REDIS_URL: process.env.REDIS_URL!,
    OTEL_TRACES_EXPORTER: "none",
    INTERNAL_SECRET: PRODUCTION_INTERNAL_SECRET,
    JWT_SECRET: PRODUCTION_JWT_SECRET,
    PAYMENT_WEBHOOK_SECRET: `test-webhook-${randomBytes(24).toString("base64url")}`,
    PAYMENT_WEBHOOK_URL: `http://127.0.0.1:${payment}/webhooks/test`,
    ALLOW_TEST_PAYMENTS: "on",
    CATALOG_URL: `http://127.0.0.1:${catalog}/graphql`,
    CART_URL: `http://127.0.0.1:${cart}/graphql`,
    ORDER_URL: `http://127.0.0.1:${order}/graphql`,
    PAYMENT_URL: `http://127.0.0.1:${payment}/graphql`,
    PRICING_URL: `http://127.0.0.1:${pricing}/graphql`,
    SHIPPING_URL: `http://127.0.0.1:${shipping}/graphql`,
  };
  // Each waits on the ones it calls at start, as the compose file orders them.
  await startCompiled("subgraphs/catalog", catalog, metrics[0], env);
  await startCompiled("subgraphs/cart", cart, metrics[1], env);
  await startCompiled("subgraphs/order", order, metrics[2], env);
  await startCompiled("subgraphs/payment", payment, metrics[3], env);
  await startCompiled("subgraphs/pricing", pricing, metrics[4], env);
  await startCompiled("subgraphs/shipping", shipping, metrics[5], env);
  gatewayUrl = await startCompiled("gateway", gateway, metrics[6], env);
}, 120_000);

afterAll(async () => {
  await Promise.all(services.map((service) => service.stop()));
});

describe("the compiled processes", () => {
  it("answer products, a cart and a checkout through the gateway", async () => {
    const products = await graphql(gatewayUrl, `{ products(first: 1) { edges { node { id name price { amount } } } } }`);
    expect(products.errors).toBeUndefined();
    const product = products.data.products.edges[0].node;

    const token = await userToken({ secret: PRODUCTION_JWT_SECRET });
    const added = await graphql(gatewayUrl, `mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { variables: { p: product.id }, token });
    expect(added.data.addToCart.userErrors).toEqual([]);
    const cart = await graphql(gatewayUrl, `{ cart { lines { quantity product { name } } cost { subtotal { amount } taxEstimated } } }`, { token });
    expect(cart.errors).toBeUndefined();
    expect(cart.data.cart.lines).toEqual([{ quantity: 2, product: { name: product.name } }]);
    expect(cart.data.cart.cost).toMatchObject({ taxEstimated: true });

    await readyToCheckOutAt(gatewayUrl, token);

    const placed = await graphql(gatewayUrl, `mutation { checkout(idempotencyKey: "compiled-smoke") { order { status lines { productName quantity } } userErrors { code } } }`, { token });
    expect(placed.data.checkout).toMatchObject({ userErrors: [], order: { lines: [{ productName: product.name, quantity: 2 }] } });
  });
});
