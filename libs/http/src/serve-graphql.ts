// Starts an Apollo Server behind our HTTP front with the settings every Trolley process shares:
// masked unexpected errors, no stack traces in responses, GraphQL metrics with bounded operation
// labels, no schema hints in errors in production, and a clean shutdown.
import { ApolloServer, type ApolloServerOptions, type BaseContext } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import type { GatewayInterface } from "@apollo/server-gateway-interface";
import type { GraphQLSchema } from "graphql";
import { argumentBounds } from "./argument-bounds.js";
import { maskErrors } from "./format-error.js";
import { graphqlObservability } from "./graphql-observability.js";
import type { OperationLabelOptions } from "./operation-labels.js";
import { startHttpServer, type HttpServerOptions, type RunningHttpServer, type UpgradeEndpoint } from "./http-server.js";
import type { Logger } from "./logger.js";
import { ServiceMetrics } from "./metrics.js";

export interface ServeGraphQLOptions<C extends BaseContext> extends Omit<HttpServerOptions<C>, "apollo" | "upgrade"> {
  logger: Logger;
  schema?: GraphQLSchema;
  gateway?: GatewayInterface;
  plugins?: ApolloServerOptions<C>["plugins"];
  validationRules?: ApolloServerOptions<C>["validationRules"];
  introspection?: boolean;
  /** Apollo Server's automatic persisted queries: its cache, or false to turn them off (default: on, in memory). */
  persistedQueries?: ApolloServerOptions<C>["persistedQueries"];
  /** Which operation names get a metrics label of their own (default: the first 50 seen). */
  operationLabels?: OperationLabelOptions;
  /** Validation errors say no more about the schema than the client sent ("Did you mean ..." is left out): on in production. */
  hideSchemaDetails?: boolean;
  /** How results become JSON text (Apollo Server's default: JSON.stringify plus a newline). */
  stringifyResult?: ApolloServerOptions<C>["stringifyResult"];
  /** WebSockets on the same port, answered by what this builds once the server has started (it may run operations on it). */
  webSockets?: (apollo: ApolloServer<C>) => UpgradeEndpoint;
}

export async function serveGraphQL<C extends BaseContext>(options: ServeGraphQLOptions<C>): Promise<RunningHttpServer> {
  const { logger, schema, gateway, plugins, validationRules, introspection = true, metrics = new ServiceMetrics(), persistedQueries, operationLabels, hideSchemaDetails = false, webSockets, stringifyResult, ...http } = options;
  const apollo = new ApolloServer<C>({
    ...(gateway ? { gateway } : { schema: schema! }),
    formatError: maskErrors(logger),
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runUntilSignal closes HTTP, background work and pools in order); Apollo's
    // own signal handlers would stop the server underneath it and leave the close hanging.
    stopOnTerminationSignals: false,
    introspection,
    validationRules,
    persistedQueries,
    hideSchemaDetailsFromClientErrors: hideSchemaDetails,
    ...(stringifyResult ? { stringifyResult } : {}),
    // Subgraphs serve no landing page and no Apollo Studio traces; the gateway passes its own plugins.
    plugins: [
      ...(plugins ?? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()]),
      graphqlObservability<C>(metrics, logger, operationLabels),
      argumentBounds<C>(),
      // We send no cache hints, and the plugin's per-field hook showed in CPU profiles.
      ApolloServerPluginCacheControlDisabled(),
    ],
  } as ApolloServerOptions<C>);
  await apollo.start();
  try {
    const server = await startHttpServer({ ...http, apollo, logger, metrics, upgrade: webSockets?.(apollo) });
    return {
      ...server,
      async close() {
        await server.close();
        await apollo.stop();
      },
    };
  } catch (error) {
    await apollo.stop();
    throw error;
  }
}
