// What every subgraph process does once its parts are built: serve its schema, report ready only
// while its database (and Redis, where it has one) answers, and release the database after the last
// request on close. Neither dependency is needed to start: both clients reconnect by themselves, and
// the process reports not-ready meanwhile instead of crashing.
import type { BaseContext } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { HttpServerOptions, RunningHttpServer } from "./http-server.js";
import type { Logger } from "./logger.js";
import type { ServiceMetrics } from "./metrics.js";
import { serveGraphQL } from "./serve-graphql.js";

export interface SubgraphDatabase {
  $queryRaw(query: TemplateStringsArray): Promise<unknown>;
  $disconnect(): Promise<void>;
}

export interface StartSubgraphOptions<C extends BaseContext> {
  name: string;
  port: number;
  logger: Logger;
  schema: GraphQLSchema;
  context: HttpServerOptions<C>["context"];
  db: SubgraphDatabase;
  /** Its Redis client, if it has one: readiness asks it too. */
  redis?: { ping(): Promise<unknown> };
  routes?: HttpServerOptions<C>["routes"];
  /** The app's metrics (its business counters live there too); served at /metrics. */
  metrics?: ServiceMetrics;
  /** Runs after the server has stopped taking requests, before the database is released. */
  beforeDisconnect?: () => Promise<void>;
}

export async function startSubgraph<C extends BaseContext>(options: StartSubgraphOptions<C>): Promise<RunningHttpServer> {
  const { name, db, logger } = options;
  const server = await serveGraphQL<C>({
    schema: options.schema,
    context: options.context,
    port: options.port,
    logger,
    routes: options.routes,
    metrics: options.metrics,
    ready: async () => {
      const [database, redis] = await Promise.all([db.$queryRaw`SELECT 1`.then(() => true, () => false), options.redis?.ping().then(() => true, () => false) ?? true]);
      return database && redis;
    },
  });
  logger.info(`${name} subgraph listening`, { url: server.url });
  return {
    ...server,
    async close() {
      await server.close();
      await options.beforeDisconnect?.();
      await db.$disconnect();
    },
  };
}

