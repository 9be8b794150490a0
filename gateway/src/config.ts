// The gateway's settings, read once at start.
import { fileURLToPath } from "node:url";
import { common, duration, loadConfig, port, refuseDevSecretsInProduction, z } from "@trolley/config";
import { parseOrigins } from "@trolley/http";
import { defaultSubgraphUrls } from "./subgraph-list.js";

export const gatewayConfigSchema = z.object({
  ...common,
  PORT: port(4000),
  /** Where /metrics is served: a port of its own, never the public one. */
  METRICS_PORT: port(9400),
  /** Verifies HS256 bearer tokens: guest tokens (the cart signs them) and, without JWT_JWKS_URL, user tokens. */
  JWT_SECRET: z.string().min(16, "must be at least 16 characters").default("dev-jwt-secret-change-me"),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** The identity provider's JSON Web Key Set: RS256/ES256 user tokens are verified against it. When set, HS256 tokens are accepted for guests only. */
  JWT_JWKS_URL: z.string().url().optional(),
  /** Tokens must carry `exp`, and live no longer than this (exp - iat, and exp - now). At least the cart's GUEST_TOKEN_TTL_SECONDS. */
  JWT_MAX_LIFETIME: duration("7d"),
  /** static: serve the composed supergraph file; introspect: compose live from the running subgraphs (development). */
  SUPERGRAPH_MODE: z.enum(["static", "introspect"]).default("static"),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL("../supergraph.graphql", import.meta.url))),
  /** static: how often SUPERGRAPH_PATH is checked for a new supergraph (file-system events are also watched). */
  SUPERGRAPH_POLL_INTERVAL: duration("5s"),
  CATALOG_URL: z.string().url().default(defaultSubgraphUrls.catalog),
  CART_URL: z.string().url().default(defaultSubgraphUrls.cart),
  ORDER_URL: z.string().url().default(defaultSubgraphUrls.order),
  PAYMENT_URL: z.string().url().default(defaultSubgraphUrls.payment),
  PRICING_URL: z.string().url().default(defaultSubgraphUrls.pricing),
  SHIPPING_URL: z.string().url().default(defaultSubgraphUrls.shipping),
  /** A subgraph that does not answer within this time fails its part of the query. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** on: a query one subgraph answers whole gets that subgraph's data as it came, without the gateway's execution (gateway/src/single-fetch/). */
  SINGLE_FETCH_ANSWERS: z.enum(["on", "off"]).default("on"),
  /** Apollo Sandbox and introspection; on by default outside production. */
  SANDBOX: z.enum(["on", "off"]).optional(),
  /** Operations using more aliases than this are refused (one cheap query asking for the same field hundreds of times). */
  MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(1000).default(30),
  /** Operations selecting more top-level fields than this are refused. */
  MAX_QUERY_ROOT_FIELDS: z.coerce.number().int().min(1).max(1000).default(20),
  /** Operations estimated to cost more are refused: each field costs 1, and a field's selection counts `first` times (omitted: the schema default, else 20). */
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(10_000),
  /** Requests per minute per caller (user, guest, or the IP of anonymous callers), counted in Redis across all gateway processes; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** New guest sessions (startGuestSession) per minute per client IP, counted in Redis across gateway processes; each also counts against the IP's request budget. */
  GUEST_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** on: the gateway is behind our proxy, and an anonymous caller's IP is the last X-Forwarded-For entry; off: the connecting address. */
  TRUST_PROXY: z.enum(["on", "off"]).default("off"),
  /** apq: automatic persisted queries, cached in Redis; safelist: only the operations of PERSISTED_QUERY_MANIFEST run; off: full query text only. */
  PERSISTED_QUERIES: z.enum(["apq", "safelist", "off"]).default("apq"),
  /** How long an automatically persisted query stays registered. */
  PERSISTED_QUERY_TTL: duration("24h"),
  /** apq: longer query text is run but not registered. */
  PERSISTED_QUERY_MAX_LENGTH: z.coerce.number().int().min(100).default(5000),
  /** apq: registrations per minute per caller (user, guest or IP); beyond it queries are run but not registered. */
  PERSISTED_QUERY_REGISTRATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /**
   * Browser origins that may call the gateway (comma-separated, e.g. `https://shop.example.com`), over
   * HTTP and WebSocket. Unset: the storefront's development origins outside production, none in production.
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      try {
        return parseOrigins(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** The live cart (graphql-ws on /graphql): WebSockets one identity (user or guest) may hold at once, across all gateway processes. */
  LIVE_CART_SOCKETS_PER_IDENTITY: z.coerce.number().int().min(1).max(1000).default(10),
  /** The live cart: WebSockets one gateway process holds at most; beyond it upgrades are answered 503. */
  LIVE_CART_SOCKETS_PER_PROCESS: z.coerce.number().int().min(1).default(10_000),
  /** The live cart: subscriptions one WebSocket may run at once. */
  LIVE_CART_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(100).default(5),
  /** The live cart: how often each WebSocket is pinged; one that has not answered the previous ping by then is dropped. */
  LIVE_CART_HEARTBEAT: duration("15s"),
  /** The live cart: a WebSocket whose unsent data passes this (its reader stopped reading) is dropped. */
  LIVE_CART_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** The live cart: after a promotion or tax rate change, how long until each subscriber's quote is looked at once more (pricing processes apply a change as they read it). */
  LIVE_CART_RULES_SETTLE: duration("1s"),
  /** The safelist (safelist mode): an Apollo persisted query manifest, `{ "operations": [{ "id": "<sha256 of body>", "body": "<query>" }] }`. */
  PERSISTED_QUERY_MANIFEST: z.string().optional(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigSchema, env);
  refuseDevSecretsInProduction(config, ["INTERNAL_SECRET", "JWT_SECRET"]);
  return config;
}

export const sandboxEnabled = (config: GatewayConfig) => (config.SANDBOX ?? (config.NODE_ENV === "production" ? "off" : "on")) === "on";

/** The storefront's dev server (storefront/, port 5173), by either loopback name. */
const DEVELOPMENT_ORIGINS = ["http://localhost:5173", "http://127.0.0.1:5173"];

export const corsOrigins = (config: GatewayConfig): string[] => config.CORS_ORIGINS ?? (config.NODE_ENV === "production" ? [] : DEVELOPMENT_ORIGINS);
