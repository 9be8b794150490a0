// The cart's settings, read once at start.
import { common, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";

export const cartConfigSchema = z.object({
  ...common,
  PORT: port(4002),
  /** Where the catalog subgraph answers; the cart asks it about products and stock. */
  CATALOG_URL: z.string().url().default("http://127.0.0.1:4001/graphql"),
  /** How long a cart mutation waits for the catalog before refusing with CATALOG_UNAVAILABLE. */
  CATALOG_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  /** Signs guest tokens; the gateway verifies them with the same secret. */
  JWT_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-jwt-secret-change-me"),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** Lifetime of a guest token, in seconds (default 7 days). */
  GUEST_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(7 * 24 * 3600),
});

export type CartConfig = z.infer<typeof cartConfigSchema>;

export function readCartConfig(env: Record<string, string | undefined> = process.env): CartConfig {
  const config = loadConfig(cartConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET", "JWT_SECRET"]);
  return config;
}
