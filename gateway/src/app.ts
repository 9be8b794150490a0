// Wires the gateway: the supergraph (a composed file, or live composition in development), token
// verification, identity passed to subgraphs, request limits, and Apollo Sandbox in development.
import { readFileSync } from "node:fs";
import { ApolloGateway, IntrospectAndCompose } from "@apollo/gateway";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { createLogger, serveGraphQL, type RunningHttpServer } from "@trolley/http";
import { authenticate } from "./authenticate.js";
import { sandboxEnabled, type GatewayConfig } from "./config.js";
import { depthLimit } from "./depth-limit.js";
import { identityDataSource, type GatewayContext } from "./identity-data-source.js";
import { subgraphNames, type SubgraphName } from "./subgraph-list.js";

export async function startGateway(config: GatewayConfig): Promise<RunningHttpServer> {
  const logger = createLogger("gateway", config.LOG_LEVEL);
  const urls: Record<SubgraphName, string> = {
    catalog: config.CATALOG_URL,
    cart: config.CART_URL,
    order: config.ORDER_URL,
    payment: config.PAYMENT_URL,
  };
  const gateway = new ApolloGateway({
    supergraphSdl:
      config.SUPERGRAPH_MODE === "static"
        ? readFileSync(config.SUPERGRAPH_PATH, "utf8")
        : new IntrospectAndCompose({ subgraphs: subgraphNames.map((name) => ({ name, url: urls[name] })), pollIntervalInMs: 10_000 }),
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
  const server = await serveGraphQL<GatewayContext>({
    gateway,
    introspection: sandbox,
    plugins: [sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled()],
    validationRules: [depthLimit(config.MAX_QUERY_DEPTH)],
    context: async (req, requestId) => ({ requestId, identity: await authenticate(req.headers.authorization, tokens) }),
    port: config.PORT,
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
  });
  logger.info("gateway listening", { url: server.url, supergraph: config.SUPERGRAPH_MODE, sandbox });
  return server;
}
