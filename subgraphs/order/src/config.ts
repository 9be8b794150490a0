// The order subgraph's settings, read once at start.
import { common, duration, eventSettings, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const orderConfigSchema = z.object({
  ...common,
  ...eventSettings,
  PORT: port(4003),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9403),
  /** Checkout reads the caller's cart here. */
  CART_URL: z.string().url().default("http://127.0.0.1:4002/graphql"),
  /** Checkout reserves stock here. */
  CATALOG_URL: z.string().url().default("http://127.0.0.1:4001/graphql"),
  /** Checkout prices the order (a fresh quote) and reserves its discount codes' uses here. */
  PRICING_URL: z.string().url().default("http://127.0.0.1:4005/graphql"),
  /** Checkout judges and prices the cart's shipping selection here. */
  SHIPPING_URL: z.string().url().default("http://127.0.0.1:4006/graphql"),
  /** Cancel and expiry of an order a payment has claimed ask the payment context here. */
  PAYMENT_URL: z.string().url().default("http://127.0.0.1:4004/graphql"),
  /** How long the order waits for the cart, the catalog, pricing, shipping or payment before refusing with a retryable code. */
  SUBGRAPH_CALL_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3000),
  /** Unpaid orders are cancelled, and their stock released, after this long. */
  ORDER_PAYMENT_TIMEOUT: duration("15m"),
  /** How often unpaid orders are expired and abandoned checkouts cleaned up. */
  ORDER_HOUSEKEEPING_INTERVAL: duration("30s"),
});

export type OrderConfig = z.infer<typeof orderConfigSchema>;

export function readOrderConfig(env: Record<string, string | undefined> = process.env): OrderConfig {
  const config = loadConfig(orderConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"]);
  return config;
}
