// What every subgraph process does once its parts are built: serve its schema, report ready only
// while its database answers, and release the database after the last request on close.
import type { BaseContext } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import type { HttpServerOptions, RunningHttpServer } from "./http-server.js";
import type { Logger } from "./logger.js";
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
  routes?: HttpServerOptions<C>["routes"];
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
    ready: async () => Boolean(await db.$queryRaw`SELECT 1`),
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

