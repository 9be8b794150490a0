// The payment subgraph's settings, read once at start.
import { common, duration, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const paymentConfigSchema = z.object({
  ...common,
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
  /** Signs the provider's webhooks (header Trolley-Signature); a webhook that does not verify is refused. */
  PAYMENT_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-webhook-secret-change-me"),
  /**
   * Where the test provider sends its webhooks. A process started on port 0 (tests) uses its own
   * listening address instead, which is only known once it listens.
   */
  PAYMENT_WEBHOOK_URL: z.string().url().default("http://127.0.0.1:4004/webhooks/test"),
  /** How long after accepting a charge the test provider sends its webhook. */
  PAYMENT_TEST_PROVIDER_DELAY: duration("20ms"),
  /** How often the outbox relay looks for unpublished events besides being woken by each change. */
  OUTBOX_POLL_INTERVAL: duration("1s"),
});

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;

export function readPaymentConfig(env: Record<string, string | undefined> = process.env): PaymentConfig {
  const config = loadConfig(paymentConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET", "PAYMENT_WEBHOOK_SECRET"]);
  return config;
}
