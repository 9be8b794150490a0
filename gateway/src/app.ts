// Wires the gateway: the supergraph, token verification, identity passed to subgraphs, request
// limits, and Apollo Sandbox in development.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { ApolloServerPlugin } from "@apollo/server";
import { createLogger, serveGraphQL, type RunningHttpServer } from "@trolley/http";
import { authenticate } from "./authenticate.js";
import { sandboxEnabled, type GatewayConfig } from "./config.js";
import { identityDataSource, type GatewayContext } from "./identity-data-source.js";
import { operationLimits } from "./limits/operation-limits.js";
import { subgraphsReady } from "./subgraph-health.js";
import type { SubgraphName } from "./subgraph-list.js";
import { supergraphSource } from "./supergraph-source.js";

export type GatewayApp = RunningHttpServer;

export async function startGateway(config: GatewayConfig): Promise<GatewayApp> {
  const logger = createLogger("gateway", config.LOG_LEVEL);
  const urls: Record<SubgraphName, string> = {
    catalog: config.CATALOG_URL,
    cart: config.CART_URL,
    order: config.ORDER_URL,
    payment: config.PAYMENT_URL,
  };
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSource(config, urls),
    // The supergraph file records local URLs; the configured ones win, so one file serves everywhere.
    buildService: ({ name }) =>
      identityDataSource({ name, url: urls[name as SubgraphName], internalSecret: config.INTERNAL_SECRET, timeoutMs: config.SUBGRAPH_TIMEOUT_MS }),
    logger: {
      debug: () => {},
      info: (message: unknown) => logger.debug(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
    },
  });
  const sandbox = sandboxEnabled(config);
  const tokens = { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
  ];
  const server = await serveGraphQL<GatewayContext>({
    gateway,
    introspection: sandbox,
    plugins,
    validationRules: operationLimits(config),
    context: async (req, requestId) => ({ requestId, identity: await authenticate(req.headers.authorization, tokens) }),
    port: config.PORT,
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    ready: subgraphsReady(urls),
  });
  logger.info("gateway listening", { url: server.url, supergraph: config.SUPERGRAPH_MODE, sandbox });
  return server;
}
