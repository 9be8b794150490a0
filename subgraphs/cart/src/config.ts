// The cart's settings, read once at start.
import { common, duration, eventSettings, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const cartConfigSchema = z.object({
  ...common,
  ...eventSettings,
  PORT: port(4002),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9402),
  /** Where the catalog subgraph answers; the cart asks it about products and stock. */
  CATALOG_URL: z.string().url().default("http://127.0.0.1:4001/graphql"),
  /** How long a cart mutation waits for the catalog before refusing with CATALOG_UNAVAILABLE. */
  CATALOG_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** Where the pricing subgraph answers; the cart asks it whether a discount code applies. */
  PRICING_URL: z.string().url().default("http://127.0.0.1:4005/graphql"),
  /** How long applying a code waits for pricing before refusing with PRICING_UNAVAILABLE. */
  PRICING_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** Where the shipping subgraph answers; the cart asks it whether a shipping selection fits the cart. */
  SHIPPING_URL: z.string().url().default("http://127.0.0.1:4006/graphql"),
  /** How long selecting shipping waits for it before refusing with SHIPPING_UNAVAILABLE (and an address change before keeping the selection). */
  SHIPPING_TIMEOUT: duration("2s").refine((ms) => ms >= 50 && ms <= 60_000, "must be between 50ms and 60s"),
  /** The shop's currency (pricing's STORE_CURRENCY): the currency an empty cart's codes are judged in. */
  STORE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD").default("USD"),
  /** Signs guest tokens; the gateway verifies them with the same secret. */
  JWT_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-jwt-secret-change-me"),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** Lifetime of a guest token, in seconds (default 7 days). */
  GUEST_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
  /** off: guests may read their (empty) cart but every cart change asks them to sign in. */
  GUEST_CARTS: z.enum(["on", "off"]).default("on"),
  /** A cart with lines and no activity for this long is flagged abandoned (CartAbandoned is published). */
  CART_ABANDONED_AFTER: duration("24h"),
  /** Guest carts with no activity for this long are deleted; user carts are kept. */
  GUEST_CART_TTL: duration("7d"),
  /** How often the housekeeping job (abandonment, guest cart expiry) runs. */
  CART_HOUSEKEEPING_INTERVAL: duration("1m"),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;

export function readCartConfig(env: Record<string, string | undefined> = process.env): CartConfig {
  const config = loadConfig(cartConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET", "JWT_SECRET"]);
  return config;
}
