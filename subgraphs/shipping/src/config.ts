// The shipping context's settings, read once at start.
import { common, duration, eventSettings, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const shippingConfigSchema = z.object({
  ...common,
  ...eventSettings,
  PORT: port(4006),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9406),
  /** Where options are offered for until the shopper gives an address (ISO 3166-1 alpha-2). */
  SHIPPING_DEFAULT_COUNTRY: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as US").default("US"),
  /** How many delivery dates each option offers, earliest first. */
  SHIPPING_DELIVERY_DATES: z.coerce.number().int().min(1).max(60).default(10),
  /** The longest a cart's options are kept in Redis; never past the next cut-off of any of them. */
  SHIPPING_OPTIONS_CACHE_TTL: duration("15m"),
  /**
   * Where public holidays come from: `builtin` (the default: the built-in table for the seeded
   * countries, 2026 and 2027) or the base URL of a Nager.Date server, e.g. https://date.nager.at,
   * with the built-in table as its fallback.
   */
  HOLIDAY_API_URL: z.union([z.literal("builtin"), z.string().url()]).default("builtin"),
  /** How long a holiday API call may take before the built-in table answers instead. */
  HOLIDAY_API_TIMEOUT: duration("1500ms"),
  /** Failed holiday API calls in a row after which it is not asked for HOLIDAY_API_COOLDOWN (the circuit breaker opens). */
  HOLIDAY_API_FAILURES: z.coerce.number().int().min(1).max(100).default(3),
  HOLIDAY_API_COOLDOWN: duration("30s"),
  /** How long a country's holidays from the API are kept in Redis. */
  HOLIDAY_CACHE_TTL: duration("24h"),
});

export type ShippingConfig = z.infer<typeof shippingConfigSchema>;

export function readShippingConfig(env: Record<string, string | undefined> = process.env): ShippingConfig {
  const config = loadConfig(shippingConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"]);
  return config;
}
