// A small node:http front for an Apollo Server: /graphql, health probes, and any extra routes a
// service needs (webhooks); /metrics is served on a port of its own (metrics-server.ts). No
// framework: the surface is four routes and a body limit. Every request gets an id (the caller's
// x-request-id when short and plain, or a new one), a logger bound to it, one access log line and
// its HTTP metrics. It listens on loopback unless told otherwise (HOST).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import type { Cors } from "./cors.js";
import type { HealthReport } from "./health.js";
import type { Logger } from "./logger.js";
import { ServiceMetrics } from "./metrics.js";
import { startMetricsServer } from "./metrics-server.js";
import { requestIdOf } from "./request-id.js";
import { urlHost } from "./url-host.js";
import { withRequestScope, type RequestScope } from "./request-scope.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>;

/** What answers HTTP upgrades (WebSockets): it owns the sockets it takes, and closes them first on shutdown. */
export interface UpgradeEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void;
  close(): Promise<void>;
}

export interface HttpServerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Builds the per-request context; it receives the request, its id and a logger bound to the id. */
  context: (req: IncomingMessage, requestId: string, logger: Logger) => Promise<C>;
  port: number;
  /** The listening address; loopback by default, so nothing is exposed unless the operator says so. */
  host?: string;
  /** The port of /metrics (never the public one); 0 or unset picks a free port, reported as `metricsUrl`. */
  metricsPort?: number;
  logger: Logger;
  /** Readiness: whether the service can serve its core requests, with each dependency's state (health.ts). */
  ready?: () => Promise<HealthReport>;
  routes?: Record<string, RouteHandler>;
  maxBodyBytes?: number;
  /** Served at /metrics on the metrics port; the HTTP request metrics are recorded on it. A new registry by default. */
  metrics?: ServiceMetrics;
  /** Browsers on other origins: only those it lists (cors.ts); unset, no cross-origin answers are granted. */
  cors?: Cors;
  /** WebSocket upgrades; unset, they are refused. */
  upgrade?: UpgradeEndpoint;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  /** Where this process's Prometheus metrics are served, e.g. http://127.0.0.1:9400/metrics. */
  metricsUrl: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(value));
}

/** Without a CORS policy, a browser on another origin gets no answer it could read; a preflight gets a plain 403. */
function refuseCrossOrigin(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "OPTIONS" || req.headers["access-control-request-method"] === undefined) return false;
  res.writeHead(403);
  res.end();
  return true;
}

const requestError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

const ownRoutes = new Set(["/graphql", "/health/live", "/health/ready"]);
/** The metrics label of a path: a known route, or one label for everything else (no unbounded values). */
const routeLabel = (pathname: string, routes: Record<string, RouteHandler> | undefined) =>
  pathname === "/" ? "/graphql" : ownRoutes.has(pathname) || routes?.[pathname] ? pathname : "(unmatched)";

/** One access log line and the HTTP metrics of a request, once its response is done (or cut). */
function observeRequest(req: IncomingMessage, res: ServerResponse, pathname: string, scope: RequestScope, route: string, metrics: ServiceMetrics) {
  const started = performance.now();
  res.once("close", () => {
    const seconds = (performance.now() - started) / 1000;
    const method = req.method ?? "GET";
    const finished = res.writableFinished;
    const labels = { method, route, status: finished ? String(res.statusCode) : "aborted" };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, seconds);
    // Probes and scrapes come every few seconds: only at debug, or they would drown the rest.
    const level = route.startsWith("/health/") ? "debug" : "info";
    scope.logger[level]("request", {
      method,
      path: pathname,
      status: res.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      ...(scope.operationName ? { operationName: scope.operationName } : {}),
      ...(finished ? {} : { aborted: true }),
    });
  });
}

export async function startHttpServer<C extends BaseContext>(options: HttpServerOptions<C>): Promise<RunningHttpServer> {
  const { apollo, logger, maxBodyBytes = 1_000_000, metrics = new ServiceMetrics() } = options;

  const server = createServer((req, res) => {
    const requestId = requestIdOf(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    const url = new URL(req.url ?? "/", "http://localhost");
    const scope: RequestScope = { requestId, logger: logger.child({ requestId }) };
    observeRequest(req, res, url.pathname, scope, routeLabel(url.pathname, options.routes), metrics);
    void handle(req, res, url, scope);
  });

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, scope: RequestScope) => {
    const { requestId } = scope;
    try {
      if (req.headers.origin !== undefined && (options.cors ? options.cors.handle(req, res) : refuseCrossOrigin(req, res))) return;
      if (url.pathname === "/health/live") return sendJson(res, 200, { status: "ok" });
      if (url.pathname === "/health/ready") {
        const report: HealthReport = options.ready ? await options.ready().catch(() => ({ ready: false, checks: {} })) : { ready: true, checks: {} };
        return sendJson(res, report.ready ? 200 : 503, { status: report.ready ? "ok" : "unavailable", checks: report.checks });
      }
      const body = await readBody(req, maxBodyBytes);
      const route = options.routes?.[url.pathname];
      if (route) return await route(req, res, body);
      if (url.pathname !== "/graphql" && url.pathname !== "/") return sendJson(res, 404, { error: "not found" });

      let parsed: unknown;
      if (body.length > 0) {
        try {
          parsed = JSON.parse(body.toString("utf8"));
        } catch {
          return sendJson(res, 400, requestError("The request body is not valid JSON.", "BAD_REQUEST"));
        }
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: withRequestScope({ method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body: parsed }, scope),
        context: () => options.context(req, requestId, scope.logger),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === "complete") return void res.end(response.body.string);
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(res, 413, requestError(`The request body exceeds ${maxBodyBytes} bytes.`, "BAD_REQUEST"));
      // A GraphQLError thrown while building the context (e.g. an invalid token) is a client error.
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      if (code === "UNAUTHENTICATED") return sendJson(res, 401, requestError((error as Error).message, code));
      scope.logger.error("request failed", { error });
      if (!res.headersSent) sendJson(res, 500, requestError("Internal server error.", "INTERNAL_SERVER_ERROR"));
      else res.end();
    }
  };
  server.keepAliveTimeout = 65_000;
  server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => {
    if (options.upgrade) return options.upgrade.handleUpgrade(req, socket, head);
    socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n");
  });

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let metricsServer;
  try {
    metricsServer = await startMetricsServer(metrics, options.metricsPort ?? 0, host);
  } catch (error) {
    server.close();
    throw error;
  }
  const closeMetrics = metricsServer.close;
  return {
    url: `http://${urlHost(host)}:${port}/graphql`,
    port,
    metricsUrl: metricsServer.url,
    close: async () => {
      // Upgraded sockets still count as the server's connections: they go first, or close would wait on them.
      await options.upgrade?.close();
      return new Promise<void>((resolve) => {
        // In-flight requests finish; idle keep-alive sockets (e.g. the gateway's pool) are closed as
        // soon as they go idle, and anything still open after a grace period is cut.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), 5000);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          void closeMetrics().then(resolve);
        });
        server.closeIdleConnections();
      });
    },
  };
}
