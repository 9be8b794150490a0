// What every subgraph process does once its parts are built: serve its schema, report ready only
// while its database (and Redis, where it has one) answers, and release the database after the last
// request on close. Neither dependency is needed to start: both clients reconnect by themselves, and
// the process reports not-ready meanwhile instead of crashing.
//
// A subgraph port is private, but it defends itself as if it were not: the same depth, field and
// length limits as the gateway, and in production no schema (introspection, `_service`) without the
// gateway's credential and no field suggestions in errors.
import type { BaseContext } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { GraphQLSchema } from "graphql";
import { readiness } from "./health.js";
import type { HttpServerOptions, RunningHttpServer } from "./http-server.js";
import { depthLimit } from "./limits/depth-limit.js";
import { fieldCountLimit } from "./limits/field-count-limit.js";
import { keepLimitCodes } from "./limits/limit-error.js";
import { queryLengthLimit } from "./limits/query-length-limit.js";
import type { Logger } from "./logger.js";
import type { ServiceMetrics } from "./metrics.js";
import { refuseBeforeParsing } from "./refuse-before-parsing.js";
import { schemaGuard } from "./schema-guard.js";
import { serveGraphQL } from "./serve-graphql.js";

export interface SubgraphDatabase {
  $queryRaw(query: TemplateStringsArray): Promise<unknown>;
  $disconnect(): Promise<void>;
}

/** The settings of `common` (libs/config) a subgraph is served with, plus its METRICS_PORT: pass the subgraph's config. */
export interface SubgraphServingConfig {
  NODE_ENV: string;
  HOST: string;
  METRICS_PORT?: number;
  INTERNAL_SECRET: string;
  METRICS_MAX_OPERATION_NAMES: number;
  MAX_QUERY_DEPTH: number;
  MAX_QUERY_FIELDS: number;
  MAX_QUERY_LENGTH: number;
}

/** Used when a subgraph passes no config: loopback, the default limits, and no schema guard (it needs the secret). */
const fallbackConfig: Omit<SubgraphServingConfig, "INTERNAL_SECRET"> = {
  NODE_ENV: "development",
  HOST: "127.0.0.1",
  METRICS_MAX_OPERATION_NAMES: 50,
  MAX_QUERY_DEPTH: 12,
  MAX_QUERY_FIELDS: 500,
  MAX_QUERY_LENGTH: 20_000,
};

export interface StartSubgraphOptions<C extends BaseContext> {
  name: string;
  port: number;
  logger: Logger;
  schema: GraphQLSchema;
  context: HttpServerOptions<C>["context"];
  db: SubgraphDatabase;
  /** Its Redis client, if it has one: readiness asks it too, and close releases it after beforeDisconnect. */
  redis?: { ping(): Promise<unknown>; disconnect(): void };
  routes?: HttpServerOptions<C>["routes"];
  /** The app's metrics (its business counters live there too); served at /metrics on the metrics port. */
  metrics?: ServiceMetrics;
  /** Runs after the server has stopped taking requests, before Redis and the database are released. */
  beforeDisconnect?: () => Promise<void>;
  /** Address, metrics port, limits and production hardening; the subgraph's own config will do. */
  config?: SubgraphServingConfig;
}

export async function startSubgraph<C extends BaseContext>(options: StartSubgraphOptions<C>): Promise<RunningHttpServer> {
  const { name, db, logger } = options;
  const config = { ...fallbackConfig, ...options.config };
  const production = config.NODE_ENV === "production";
  let server: RunningHttpServer;
  try {
    server = await serveGraphQL<C>({
      schema: options.schema,
      context: options.context,
      port: options.port,
      host: config.HOST,
      metricsPort: config.METRICS_PORT,
      logger,
      routes: options.routes,
      metrics: options.metrics,
      operationLabels: { maxOthers: config.METRICS_MAX_OPERATION_NAMES },
      hideSchemaDetails: production,
      validationRules: [depthLimit(config.MAX_QUERY_DEPTH), fieldCountLimit(config.MAX_QUERY_FIELDS)],
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        refuseBeforeParsing([queryLengthLimit(config.MAX_QUERY_LENGTH)]),
        keepLimitCodes(),
        ...(production && options.config ? [schemaGuard(options.config.INTERNAL_SECRET)] : []),
      ],
      // Ready with its database up: Redis carries events and caches, and every use of it already
      // fails open, so an outage of Redis degrades a subgraph without taking it out of service.
      ready: readiness(
        [
          { name: "database", required: true, check: () => db.$queryRaw`SELECT 1`.then(() => true) },
          ...(options.redis ? [{ name: "redis", required: false, check: () => options.redis!.ping().then(() => true) }] : []),
        ],
        options.metrics,
      ),
    });
  } catch (error) {
    // Started but never served (its port taken, say): what the app started beside it (relay,
    // consumers, jobs, Redis) stops here as in a normal close, so a failed start leaves nothing running.
    await options.beforeDisconnect?.();
    options.redis?.disconnect();
    await db.$disconnect();
    throw error;
  }
  logger.info(`${name} subgraph listening`, { url: server.url, metrics: server.metricsUrl });
  return {
    ...server,
    async close() {
      await server.close();
      await options.beforeDisconnect?.();
      options.redis?.disconnect();
      await db.$disconnect();
    },
  };
}
