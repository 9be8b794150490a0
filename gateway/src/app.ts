// Wires the gateway: the supergraph, token verification, identity passed to subgraphs, request
// limits, rate limits (requests, guest sessions, persisted query registrations), and Apollo
// Sandbox in development.
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import type { ApolloServerPlugin } from "@apollo/server";
import { Cors, createLogger, refuseBeforeParsing, serveGraphQL, ServiceMetrics, systemClock, type Clock, type RunningHttpServer } from "@trolley/http";
import { TokenVerifier } from "@trolley/identity";
import { createBlockingRedis, createRedis, databaseOf } from "@trolley/outbox";
import type { GraphQLSchema } from "graphql";
import { authenticate } from "./authenticate.js";
import { corsOrigins, sandboxEnabled, type GatewayConfig } from "./config.js";
import { guestSessionLimit } from "./guest-sessions/guest-session-limit.js";
import { IdentitySignatures } from "./identity-signatures.js";
import { identityDataSource, subgraphFetchMetrics, subgraphQuery, type GatewayContext } from "./identity-data-source.js";
import { sharedInFlight } from "./single-fetch/shared-queries.js";
import { singleFetchAnswers } from "./single-fetch/single-fetch-answers.js";
import { SingleFetchPlans } from "./single-fetch/single-fetch-plans.js";
import { stringifyResult } from "./single-fetch/subgraph-json.js";
import { LiveCartHub } from "./live-cart/live-cart-hub.js";
import { LiveCartRelay } from "./live-cart/live-cart-relay.js";
import { LIVE_CART_STREAMS } from "./live-cart/live-cart-signals.js";
import { liveCartServer } from "./live-cart/live-cart-server.js";
import { LiveSocketLimits } from "./live-cart/live-socket-limits.js";
import { subscriptionsOverWebSocketOnly } from "./live-cart/subscriptions-over-http.js";
import { oneErrorPerUnavailableService } from "./one-error-per-service.js";
import { operationLimitPlugins, operationLimits, operationLimitsBeforeParsing } from "./limits/operation-limits.js";
import { persistedQueries } from "./persisted-queries/persisted-queries.js";
import { registrationLimit } from "./persisted-queries/registration-limit.js";
import { callerKey, clientAddress } from "./rate-limit/caller-key.js";
import { rateLimitHeadersPlugin } from "./rate-limit/rate-limit-headers.js";
import { rateLimitedContext } from "./rate-limit/rate-limited-context.js";
import { RateLimiter } from "./rate-limit/rate-limiter.js";
import { RedisOutage } from "./redis-outage.js";
import { createGuardRedis } from "./guard-redis.js";
import { subgraphsReady } from "./subgraph-health.js";
import type { SubgraphName } from "./subgraph-list.js";
import { supergraphSource } from "./supergraph-source.js";

export type GatewayApp = RunningHttpServer;

export interface GatewayOptions {
  /** The time tokens are checked at and the identity provider's keys age by (tests move it). */
  clock?: Clock;
}

const MINUTE_MS = 60_000;
// How long the live cart relay's read of the streams blocks before it reads again.
const LIVE_CART_BLOCK_MS = 5_000;
// The largest message a live cart client may send (a subscribe with its query and variables).
const LIVE_CART_MAX_PAYLOAD_BYTES = 64 * 1024;

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<GatewayApp> {
  const clock = options.clock ?? systemClock;
  const logger = createLogger("gateway", config.LOG_LEVEL);
  const metrics = new ServiceMetrics("gateway");
  const fetchMetrics = subgraphFetchMetrics(metrics);
  const signatures = new IdentitySignatures(config.INTERNAL_SECRET, () => clock.now().getTime());
  const urls: Record<SubgraphName, string> = {
    catalog: config.CATALOG_URL,
    cart: config.CART_URL,
    order: config.ORDER_URL,
    payment: config.PAYMENT_URL,
    pricing: config.PRICING_URL,
    shipping: config.SHIPPING_URL,
  };
  const singleFetch = config.SINGLE_FETCH_ANSWERS === "on" ? new SingleFetchPlans() : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSource(config, urls, logger, metrics),
    experimental_didResolveQueryPlan: singleFetch && (({ queryPlan, requestContext }) => singleFetch.remember(queryPlan, requestContext)),
    // The supergraph file records local URLs; the configured ones win, so one file serves everywhere.
    buildService: ({ name }) =>
      identityDataSource({ name, url: urls[name as SubgraphName], internalSecret: config.INTERNAL_SECRET, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, metrics: fetchMetrics, signatures }),
    logger: {
      debug: () => {},
      info: (message: unknown) => logger.debug(String(message)),
      warn: (message: unknown) => logger.warn(String(message)),
      error: (message: unknown) => logger.error(String(message)),
    },
  });
  const sandbox = sandboxEnabled(config);
  const tokens = new TokenVerifier({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    jwksUrl: config.JWT_JWKS_URL,
    maxLifetimeSeconds: Math.floor(config.JWT_MAX_LIFETIME / 1000),
    now: () => clock.now().getTime(),
  });
  const trustProxy = config.TRUST_PROXY === "on";
  const persisted = persistedQueries(config, logger);
  const redis = createGuardRedis(config);
  const outage = new RedisOutage("rate limiting", logger);
  const rateLimiter = config.RATE_LIMIT_PER_MINUTE > 0 ? new RateLimiter(redis, { limit: config.RATE_LIMIT_PER_MINUTE, windowMs: MINUTE_MS }, outage) : undefined;
  const guestSessions = new RateLimiter(redis, { limit: config.GUEST_SESSIONS_PER_MINUTE, windowMs: MINUTE_MS }, outage);
  const registrations =
    config.PERSISTED_QUERIES === "apq" ? new RateLimiter(redis, { limit: config.PERSISTED_QUERY_REGISTRATIONS_PER_MINUTE, windowMs: MINUTE_MS }, outage) : undefined;
  const beforeParsing = [...operationLimitsBeforeParsing(config), ...persisted.beforeParsing];
  const singleFetchAnswered = metrics.counter("trolley_single_fetch_answers_total", "Queries answered with one subgraph's data as it came, without the gateway's execution.");
  const singleFetchShared = metrics.counter("trolley_single_fetch_shared_total", "Single-fetch answers that shared the subgraph call of an identical query already in flight.");
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    sandbox ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
    // A live cart push runs the query of a subscription that already passed these checks.
    refuseBeforeParsing(beforeParsing.map((check) => (request, context) => ((context as GatewayContext | undefined)?.liveCart ? undefined : check(request)))),
    ...operationLimitPlugins(config),
    guestSessionLimit(guestSessions, rateLimiter),
    registrationLimit(config.PERSISTED_QUERY_MAX_LENGTH, registrations),
    rateLimitHeadersPlugin(),
    oneErrorPerUnavailableService(),
    subscriptionsOverWebSocketOnly(),
    ...(singleFetch
      ? [
          singleFetchAnswers(
            singleFetch,
            sharedInFlight(subgraphQuery({ urls, timeoutMs: config.SUBGRAPH_TIMEOUT_MS, metrics: fetchMetrics, signatures }), () => singleFetchShared.inc()),
            () => singleFetchAnswered.inc(),
          ),
        ]
      : []),
  ];
  // The live cart: the streams' events reach this process's subscribers through Redis pub/sub.
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    apiSchema = schema;
    singleFetch?.reset(coreSupergraphSdl);
  });
  const redisDb = databaseOf(redis);
  const liveSubscriber = createRedis(config, { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
  const hub = new LiveCartHub(liveSubscriber, redisDb, logger);
  const livePublished = metrics.counter("trolley_live_cart_signals_total", "Events this process took from the streams and published to live cart subscribers, by stream.", ["stream"]);
  const relays = LIVE_CART_STREAMS.map(
    (stream) =>
      new LiveCartRelay({
        redis: createBlockingRedis(config, LIVE_CART_BLOCK_MS),
        stream,
        db: redisDb,
        blockMs: LIVE_CART_BLOCK_MS,
        logger,
        onPublished: () => livePublished.inc({ stream }),
      }),
  );
  const cors = new Cors({ origins: corsOrigins(config) });
  const webSockets = (apollo: Parameters<typeof liveCartServer>[0]) =>
    liveCartServer(apollo, {
      settings: {
        subscriptionsPerSocket: config.LIVE_CART_SUBSCRIPTIONS_PER_SOCKET,
        heartbeatMs: config.LIVE_CART_HEARTBEAT,
        maxBufferedBytes: config.LIVE_CART_MAX_BUFFERED_BYTES,
        rulesSettleMs: config.LIVE_CART_RULES_SETTLE,
        maxPayloadBytes: LIVE_CART_MAX_PAYLOAD_BYTES,
      },
      schema: () => apiSchema,
      tokens,
      hub,
      limits: new LiveSocketLimits({
        redis,
        perIdentity: config.LIVE_CART_SOCKETS_PER_IDENTITY,
        perProcess: config.LIVE_CART_SOCKETS_PER_PROCESS,
        leaseMs: 2 * config.LIVE_CART_HEARTBEAT + 5_000,
      }),
      cors,
      beforeParsing,
      validationRules: operationLimits(config),
      rateLimiter,
      trustProxy,
      logger,
      metrics,
    });
  const server = await serveGraphQL<GatewayContext>({
    gateway,
    introspection: sandbox,
    plugins,
    validationRules: operationLimits(config),
    persistedQueries: persisted.apolloOptions(redis),
    stringifyResult,
    context: rateLimitedContext(rateLimiter, trustProxy, async (req, requestId) => {
      const identity = await authenticate(req.headers.authorization, tokens);
      return { requestId, logger: logger.child({ requestId }), identity, clientAddress: clientAddress(req, trustProxy), callerKey: callerKey(identity, req, trustProxy) };
    }),
    port: config.PORT,
    host: config.HOST,
    metricsPort: config.METRICS_PORT,
    operationLabels: { registered: persisted.operationNames, maxOthers: config.METRICS_MAX_OPERATION_NAMES },
    hideSchemaDetails: config.NODE_ENV === "production",
    maxBodyBytes: config.MAX_BODY_BYTES,
    cors,
    webSockets,
    logger,
    metrics,
    ready: subgraphsReady(urls, metrics),
  });
  for (const relay of relays) relay.start();
  logger.info("gateway listening", { url: server.url, metrics: server.metricsUrl, supergraph: config.SUPERGRAPH_MODE, sandbox });
  return {
    ...server,
    async close() {
      await server.close();
      await Promise.all(relays.map((relay) => relay.stop()));
      liveSubscriber.disconnect();
      redis.disconnect();
    },
  };
}
