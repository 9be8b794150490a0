// The only reader of process.env in the project. Each process declares the settings it needs as a
// zod schema with defaults; loadConfig validates them once at start and hands out a frozen value.
import { z } from "zod";

import { ConfigError } from "./config-error.js";

export { z };
export * from "./duration.js";
export * from "./events.js";
export * from "./config-error.js";
export * from "./secrets.js";

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
  /** A single Redis; with REDIS_CLUSTER=on, any one node of the cluster (the others are discovered from it). */
  REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
  /** on: Redis is a Redis Cluster (keys that must share a node carry a hash tag; only database 0). */
  REDIS_CLUSTER: z.enum(["on", "off"]).default("off"),
  /** The gateway's credential: signs the identity it passes to subgraphs, and service-to-service calls. */
  INTERNAL_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-internal-secret-change-me"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Worker processes sharing the port (node:cluster); 1 runs just this process. */
  PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** The address the public port (and the metrics port) listen on: loopback unless told otherwise, e.g. 0.0.0.0 in a container. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /**
   * Operation names that get their own metrics label besides the registered ones (the safelist):
   * the first this many seen; the rest are counted as `other`, so clients cannot mint series.
   */
  METRICS_MAX_OPERATION_NAMES: z.coerce.number().int().min(0).max(10_000).default(50),
  /** GraphQL operations nested deeper than this are refused (the gateway, and each subgraph for what reaches it directly). */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  /** Operations selecting more fields than this in all, a fragment counting wherever it is spread, are refused. */
  MAX_QUERY_FIELDS: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Query text longer than this many characters is refused before it is parsed. */
  MAX_QUERY_LENGTH: z.coerce.number().int().min(100).default(20_000),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
