// The catalog's settings, read once at start.
import { common, eventSettings, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const catalogConfigSchema = z.object({
  ...common,
  ...eventSettings,
  PORT: port(4001),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9401),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;

export function readCatalogConfig(env: Record<string, string | undefined> = process.env): CatalogConfig {
  const config = loadConfig(catalogConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET"]);
  return config;
}
