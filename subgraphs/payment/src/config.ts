// The payment subgraph's settings, read once at start.
import { common, ConfigError, duration, eventSettings, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const paymentConfigSchema = z.object({
  ...common,
  ...eventSettings,
  PORT: port(4004),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9404),
  /** Where the order subgraph answers; payOrder reads the order's owner, status and total from it. */
  ORDER_URL: z.string().url().default("http://127.0.0.1:4003/graphql"),
  /** How long payOrder waits for the order subgraph before refusing with ORDER_UNAVAILABLE. */
  ORDER_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /**
   * How long payOrder waits for the provider to confirm a charge before answering the payment as
   * PROCESSING (the client then polls `order { payments { status } }`).
   */
  PAYMENT_CONFIRM_WAIT: duration("5s"),
  /** Which provider charges new payments: `test` (built in, test tokens only) or `stripe`. */
  PAYMENT_PROVIDER: z.enum(["test", "stripe"]).default("test"),
  /** `on` lets a production process run the test provider, on purpose (a demo shop); refused otherwise. */
  ALLOW_TEST_PAYMENTS: z.enum(["on", "off"]).default("off"),
  /** Stripe's secret API key (sk_live_..., sk_test_... or a restricted rk_...); required with PAYMENT_PROVIDER=stripe. */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_\S+$/, "must be a Stripe secret key (sk_... or rk_...)").optional(),
  /** The signing secret of the Stripe webhook endpoint (whsec_...); required with PAYMENT_PROVIDER=stripe. */
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\S+$/, "must be a Stripe webhook signing secret (whsec_...)").optional(),
  /** Where the Stripe API answers (protocol, host and port); Stripe's own by default. Tests point it at a local server. */
  STRIPE_API_URL: z.string().url().optional(),
  /** The test provider signs its webhooks with this (header Trolley-Signature); a webhook that does not verify is refused. */
  PAYMENT_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-webhook-secret-change-me"),
  /**
   * Where the test provider sends its webhooks. A process started on port 0 (tests) uses its own
   * listening address instead, which is only known once it listens.
   */
  PAYMENT_WEBHOOK_URL: z.string().url().default("http://127.0.0.1:4004/webhooks/test"),
  /** How long after accepting a charge the test provider sends its webhook. */
  PAYMENT_TEST_PROVIDER_DELAY: duration("20ms"),
  /**
   * How often each payment process looks for succeeded payments of cancelled orders that are not
   * refunded yet (a provider failure during the automatic refund) and refunds them.
   */
  PAYMENT_REFUND_SWEEP_INTERVAL: duration("1m"),
  /** How often payments the provider's webhook never settled are reconciled with the provider. */
  PAYMENT_RECONCILE_INTERVAL: duration("1m"),
  /** A payment PROCESSING for this long is asked about at its provider (longer than a webhook takes). */
  PAYMENT_RECONCILE_AFTER: duration("5m"),
  /** A payment waiting this long for the customer (REQUIRES_ACTION, 3-D Secure) is cancelled at its provider. */
  PAYMENT_ACTION_TIMEOUT: duration("15m"),
});

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;

export function readPaymentConfig(env: Record<string, string | undefined> = process.env): PaymentConfig {
  const config = loadConfig(paymentConfigSchema, env);
  const problems = providerProblems(config);
  try {
    // The webhook secret signs only the test provider's webhooks.
    refuseDevSecretsInProduction(config, ["INTERNAL_SECRET", ...(config.PAYMENT_PROVIDER === "test" ? ["PAYMENT_WEBHOOK_SECRET"] : [])]);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  // Every problem at once, so one restart fixes them all.
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** A provider chosen without what it needs, or the test provider where real money is expected. */
function providerProblems(config: PaymentConfig): string[] {
  if (config.PAYMENT_PROVIDER === "stripe") {
    return (["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const).filter((key) => !config[key]).map((key) => `${key}: required when PAYMENT_PROVIDER=stripe`);
  }
  // Anyone can pay with tok_visa there: production must choose a real provider, or say it means it.
  if (config.NODE_ENV === "production" && config.ALLOW_TEST_PAYMENTS !== "on") {
    return ["PAYMENT_PROVIDER: the test provider accepts made-up cards (tok_visa) and charges nothing; in production set PAYMENT_PROVIDER=stripe, or ALLOW_TEST_PAYMENTS=on to run the test provider on purpose"];
  }
  return [];
}
