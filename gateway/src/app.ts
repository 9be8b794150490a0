// Wires the gateway: the supergraph, token verification, identity passed to subgraphs, request
// limits, and Apollo Sandbox in development.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { ApolloServerPlugin } from "@apollo/server";
import { createLogger, serveGraphQL, ServiceMetrics, type RunningHttpServer } from "@trolley/http";
import { createRedis } from "@trolley/outbox";
import { authenticate } from "./authenticate.js";
import { sandboxEnabled, type GatewayConfig } from "./config.js";
import { identityDataSource, subgraphFetchMetrics, type GatewayContext } from "./identity-data-source.js";
import { oneErrorPerUnavailableService } from "./one-error-per-service.js";
import { operationLimitPlugins, operationLimits, operationLimitsBeforeParsing } from "./limits/operation-limits.js";
import { persistedQueries } from "./persisted-queries/persisted-queries.js";
import { rateLimitHeadersPlugin } from "./rate-limit/rate-limit-headers.js";
import { rateLimitedContext } from "./rate-limit/rate-limited-context.js";
import { RateLimiter } from "./rate-limit/rate-limiter.js";
import { RedisOutage } from "./redis-outage.js";
import { refuseBeforeParsing } from "./refuse-before-parsing.js";
import { subgraphsReady } from "./subgraph-health.js";
import type { SubgraphName } from "./subgraph-list.js";
import { supergraphSource } from "./supergraph-source.js";

export type GatewayApp = RunningHttpServer;

export async function startGateway(config: GatewayConfig): Promise<GatewayApp> {
  const logger = createLogger("gateway", config.LOG_LEVEL);
  const metrics = new ServiceMetrics("gateway");
  const fetchMetrics = subgraphFetchMetrics(metrics);
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
      identityDataSource({ name, url: urls[name as SubgraphName], internalSecret: config.INTERNAL_SECRET, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, metrics: fetchMetrics }),
    logger: {
      debug: () => {},
      info: (message: unknown) => logger.debug(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
    },
  });
  const sandbox = sandboxEnabled(config);
  const tokens = { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const persisted = persistedQueries(config, logger);
  // Redis here only counts requests and caches persisted queries: a slow one must not hold requests
  // up, so its commands give up quickly and the request goes on without it.
  const redis = createRedis(config.REDIS_URL, { commandTimeout: 500 });
  const rateLimiter =
    config.RATE_LIMIT_PER_MINUTE > 0 ? new RateLimiter(redis, { limit: config.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 }, new RedisOutage("rate limiting", logger)) : undefined;
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    refuseBeforeParsing([...operationLimitsBeforeParsing(config), ...persisted.beforeParsing]),
    ...operationLimitPlugins(config),
    rateLimitHeadersPlugin(),
    oneErrorPerUnavailableService(),
  ];
  const server = await serveGraphQL<GatewayContext>({
    gateway,
    introspection: sandbox,
    plugins,
    validationRules: operationLimits(config),
    persistedQueries: persisted.apolloOptions(redis),
    context: rateLimitedContext(rateLimiter, config.TRUST_PROXY === "on", async (req, requestId) => ({ requestId, logger: logger.child({ requestId }), identity: await authenticate(req.headers.authorization, tokens) })),
    port: config.PORT,
    maxBodyBytes: config.MAX_BODY_BYTES,
    logger,
    metrics,
    ready: subgraphsReady(urls),
  });
  logger.info("gateway listening", { url: server.url, supergraph: config.SUPERGRAPH_MODE, sandbox });
  return {
    ...server,
    async close() {
      await server.close();
      redis.disconnect();
    },
  };
}
