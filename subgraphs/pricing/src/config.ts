// The pricing context's settings, read once at start.
import { common, duration, eventSettings, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

const countryCode = z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code such as US");

export const pricingConfigSchema = z.object({
  ...common,
  ...eventSettings,
  PORT: port(4005),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9405),
  /** The shop's currency: an empty cart's cost, and the amounts of promotions (fixed amounts, minimum subtotals). */
  STORE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code such as USD").default("USD"),
  /** on: catalog prices include tax (VAT style, the tax is inside them); off: tax is added on top (US sales-tax style). */
  PRICES_INCLUDE_TAX: z.enum(["on", "off"]).default("off"),
  /** Where tax is estimated for until the shopper gives an address. */
  TAX_DEFAULT_COUNTRY: countryCode.default("US"),
  /** The province of TAX_DEFAULT_COUNTRY tax is estimated for (ISO 3166-2 subdivision, e.g. CA); `none` for the country's own rates. */
  TAX_DEFAULT_PROVINCE: z.string().regex(/^([A-Z0-9]{1,3}|none)$/, "a subdivision code such as CA, or none").default("CA"),
  /** Discount codes a caller may try per DISCOUNT_CODE_ATTEMPT_WINDOW (counted in Redis across processes). */
  DISCOUNT_CODE_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(10),
  DISCOUNT_CODE_ATTEMPT_WINDOW: duration("10m"),
  /** Promotions and tax rates are reloaded this often besides when their change events arrive (a safety net). */
  PRICING_RULES_REFRESH: duration("5m"),
});

export type PricingConfig = z.infer<typeof pricingConfigSchema>;

export function readPricingConfig(env: Record<string, string | undefined> = process.env): PricingConfig {
  const config = loadConfig(pricingConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"]);
  return config;
}

/** The shop settings the quote engine takes, from the configuration. */
export function shopSettings(config: Pick<PricingConfig, "PRICES_INCLUDE_TAX" | "TAX_DEFAULT_COUNTRY" | "TAX_DEFAULT_PROVINCE">) {
  return {
    taxIncluded: config.PRICES_INCLUDE_TAX === "on",
    defaultCountryCode: config.TAX_DEFAULT_COUNTRY,
    defaultProvinceCode: config.TAX_DEFAULT_PROVINCE === "none" ? null : config.TAX_DEFAULT_PROVINCE,
  };
}
