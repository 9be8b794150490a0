// The only reader of process.env in the project. Each process declares the settings it needs as a
// zod schema with defaults; loadConfig validates them once at start and hands out a frozen value.
import { z } from "zod";

export { z };
export * from "./duration.js";
export * from "./events.js";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): Readonly<z.infer<S>> {
  // Empty strings count as unset, so `FOO= pnpm start` falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`));
  }
  return Object.freeze(result.data);
}

/** Settings every process shares. Defaults are the documented local development values. */
export const common = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/trolley"),
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** The gateway's credential: signs the identity it passes to subgraphs, and service-to-service calls. */
  INTERNAL_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-internal-secret-change-me"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Worker processes sharing the port (node:cluster); 1 runs just this process. */
  PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
};

/** Production must not run on the development secrets. */
export function refuseDevSecretsInProduction(config: { NODE_ENV: string } & Record<string, unknown>, keys: string[]) {
  if (config.NODE_ENV !== "production") return;
  const weak = keys.filter((k) => String(config[k]).startsWith("dev-"));
  if (weak.length) throw new ConfigError(weak.map((k) => `${k}: set a real secret in production`));
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
