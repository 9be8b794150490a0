// The payment subgraph's settings, read once at start.
import { common, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const paymentConfigSchema = z.object({
  ...common,
  PORT: port(4004),
});

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;

export function readPaymentConfig(env: Record<string, string | undefined> = process.env): PaymentConfig {
  const config = loadConfig(paymentConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"]);
  return config;
}
