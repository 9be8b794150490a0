// The gateway's settings, read once at start.
import { fileURLToPath } from "node:url";
import { common, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";
import { defaultSubgraphUrls } from "./subgraph-list.js";

export const gatewayConfigSchema = z.object({
  ...common,
  PORT: port(4000),
  /** Verifies client bearer tokens (HS256). */
  JWT_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-jwt-secret-change-me"),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** static: serve the composed supergraph file; introspect: compose live from the running subgraphs (development). */
  SUPERGRAPH_MODE: z.enum(["static", "introspect"]).default("static"),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL("../supergraph.graphql", import.meta.url))),
  CATALOG_URL: z.string().url().default(defaultSubgraphUrls.catalog),
  CART_URL: z.string().url().default(defaultSubgraphUrls.cart),
  ORDER_URL: z.string().url().default(defaultSubgraphUrls.order),
  PAYMENT_URL: z.string().url().default(defaultSubgraphUrls.payment),
  /** A subgraph that does not answer within this time fails its part of the query. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Operations nested deeper than this are refused before they reach a subgraph. */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** Apollo Sandbox and introspection; on by default outside production. */
  SANDBOX: z.enum(["on", "off"]).optional(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET", "JWT_SECRET"]);
  return config;
}

export const sandboxEnabled = (config: GatewayConfig) => (config.SANDBOX ?? (config.NODE_ENV === "production" ? "off" : "on")) === "on";
