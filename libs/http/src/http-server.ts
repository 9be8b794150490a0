// A small node:http front for an Apollo Server: /graphql, health probes, and any extra routes a
// service needs (webhooks). No framework: the surface is four routes and a body limit.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import type { Logger } from "./logger.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => Promise<void>;

export interface HttpServerOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  /** Builds the per-request context; it receives the request and its id. */
  context: (req: IncomingMessage, requestId: string) => Promise<C>;
  port: number;
  host?: string;
  logger: Logger;
  /** Readiness: true when every dependency the service needs answers. */
  ready?: () => Promise<boolean>;
  routes?: Record<string, RouteHandler>;
  maxBodyBytes?: number;
}

export interface RunningHttpServer {
  url: string;
  port: number;
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

const requestError = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

export async function startHttpServer<C extends BaseContext>(options: HttpServerOptions<C>): Promise<RunningHttpServer> {
  const { apollo, logger, maxBodyBytes = 1_000_000 } = options;

  const server = createServer(async (req, res) => {
    const requestId = String(req.headers["x-request-id"] ?? "").slice(0, 100) || randomUUID();
    res.setHeader("x-request-id", requestId);
    const url = new URL(req.url ?? "/", "http://localhost");
    try {
      if (url.pathname === "/health/live") return sendJson(res, 200, { status: "ok" });
      if (url.pathname === "/health/ready") {
        const ok = options.ready ? await options.ready().catch(() => false) : true;
        return sendJson(res, ok ? 200 : 503, { status: ok ? "ok" : "unavailable" });
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
        httpGraphQLRequest: { method: (req.method ?? "GET").toUpperCase(), headers, search: url.search, body: parsed },
        context: () => options.context(req, requestId),
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
      logger.error("request failed", { error, requestId });
      if (!res.headersSent) sendJson(res, 500, requestError("Internal server error.", "INTERNAL_SERVER_ERROR"));
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        // In-flight requests finish; idle keep-alive sockets (e.g. the gateway's pool) are closed as
        // soon as they go idle, and anything still open after a grace period is cut.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        const cut = setTimeout(() => server.closeAllConnections(), 5000);
        server.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
