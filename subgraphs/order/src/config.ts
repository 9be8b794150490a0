// The order subgraph's settings, read once at start.
import { common, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const orderConfigSchema = z.object({
  ...common,
  PORT: port(4003),
});

export type OrderConfig = z.infer<typeof orderConfigSchema>;

export function readOrderConfig(env: Record<string, string | undefined> = process.env): OrderConfig {
  const config = loadConfig(orderConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"]);
  return config;
}
