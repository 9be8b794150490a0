// Our side of the bench: the six subgraphs and our gateway as real processes, compiled, as
// production and `pnpm start` run them (node <pkg>/dist/main.js, built by `pnpm build` before the
// bench starts them), configured for production on the bench ports and database. The gateway also
// preloads bench/heap-probe.mjs so the soak can read its heap after a full GC.
import { fileURLToPath, pathToFileURL } from "node:url";
import { serviceArgs } from "../scripts/service-command.js";
import { ProcessGroup, type Service } from "./processes.js";
import { databaseUrl, type BenchSettings } from "./settings.js";
import type { SubgraphUrls } from "./supergraph.js";

export const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const heapProbe = pathToFileURL(fileURLToPath(new URL("./heap-probe.mjs", import.meta.url))).href;

export interface OurStack {
  gateway: Service;
  gatewayUrl: string;
  subgraphs: Record<keyof SubgraphUrls, Service>;
  env: Record<string, string>;
}

export function subgraphUrls(settings: BenchSettings): SubgraphUrls {
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  return {
    catalog: url(settings.ports.catalog),
    cart: url(settings.ports.cart),
    order: url(settings.ports.order),
    payment: url(settings.ports.payment),
    pricing: url(settings.ports.pricing),
    shipping: url(settings.ports.shipping),
  };
}

/** What every process of ours gets: production mode, real secrets, the bench database and ports. */
export function stackEnvironment(settings: BenchSettings, supergraphPath: string): Record<string, string> {
  const urls = subgraphUrls(settings);
  return {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    DATABASE_URL: databaseUrl(settings),
    REDIS_URL: settings.redisUrl,
    ...settings.secrets,
    SANDBOX: "off",
    // The bench is one caller hammering the gateway: no per-caller rate limit.
    RATE_LIMIT_PER_MINUTE: "0",
    SUPERGRAPH_MODE: "static",
    SUPERGRAPH_PATH: supergraphPath,
    CATALOG_URL: urls.catalog,
    CART_URL: urls.cart,
    ORDER_URL: urls.order,
    PAYMENT_URL: urls.payment,
    PRICING_URL: urls.pricing,
    SHIPPING_URL: urls.shipping,
    PAYMENT_WEBHOOK_URL: `http://127.0.0.1:${settings.ports.payment}/webhooks/test`,
    // The bench pays with test tokens: production mode runs the test provider only when told so.
    ALLOW_TEST_PAYMENTS: "on",
  };
}

/** Each process serves /metrics on its port plus this (5000 → 6000): never on the port clients use. */
const METRICS_PORT_OFFSET = 1000;

/** The /metrics URL of the process whose GraphQL answers at `graphqlUrl`. */
export function metricsUrlOf(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  return `http://${url.hostname}:${Number(url.port) + METRICS_PORT_OFFSET}/metrics`;
}

export async function startOurStack(group: ProcessGroup, settings: BenchSettings, supergraphPath: string): Promise<OurStack> {
  const env = stackEnvironment(settings, supergraphPath);
  const base = { ...process.env, ...env };
  const start = (name: string, dir: string, port: number, extraArgs: string[] = [], ipc = false) =>
    group.start({
      name,
      args: [...extraArgs, ...serviceArgs(dir, "compiled")],
      env: { ...base, PORT: String(port), METRICS_PORT: String(port + METRICS_PORT_OFFSET), PROCESSES: String(name === "gateway" ? settings.gatewayProcesses : settings.subgraphProcesses) },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
      ipc,
    });
  const [catalog, cart, order, payment, pricing, shipping] = await Promise.all([
    start("catalog", "subgraphs/catalog", settings.ports.catalog),
    start("cart", "subgraphs/cart", settings.ports.cart),
    start("order", "subgraphs/order", settings.ports.order),
    start("payment", "subgraphs/payment", settings.ports.payment),
    start("pricing", "subgraphs/pricing", settings.ports.pricing),
    start("shipping", "subgraphs/shipping", settings.ports.shipping),
  ]);
  const gateway = await start("gateway", "gateway", settings.ports.gateway, ["--expose-gc", "--import", heapProbe], true);
  return { gateway, gatewayUrl: `http://127.0.0.1:${settings.ports.gateway}/graphql`, subgraphs: { catalog, cart, order, payment, pricing, shipping }, env };
}
