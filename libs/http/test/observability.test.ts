// The HTTP front and the GraphQL plugin as an operator sees them: an access log line per request and
// unexpected errors logged, both under the request's id; /metrics in Prometheus text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GraphQLBoolean, GraphQLError, GraphQLObjectType, GraphQLSchema } from "graphql";
import { graphql, parsePrometheusText, sampleValue, scrapeMetrics } from "@trolley/testing";
import { createLogger, type Logger } from "../src/logger.js";
import { ServiceMetrics } from "../src/metrics.js";
import { serveGraphQL } from "../src/serve-graphql.js";
import type { RunningHttpServer } from "../src/http-server.js";

interface Context {
  requestId: string;
  logger: Logger;
}

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, Context>({
    name: "Query",
    fields: {
      hello: {
        type: GraphQLBoolean,
        resolve: (_root, _args, context) => {
          context.logger.info("saying hello");
          return true;
        },
      },
      boom: {
        type: GraphQLBoolean,
        resolve: () => {
          throw new Error("relation catalog.product does not exist (10.0.0.7:5432)");
        },
      },
      refused: {
        type: GraphQLBoolean,
        resolve: () => {
          throw new GraphQLError("not like that", { extensions: { code: "BAD_USER_INPUT" } });
        },
      },
    },
  }),
});

async function start() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger("test", "debug", { write: (line: string) => void lines.push(JSON.parse(line)) });
  const server = await serveGraphQL<Context>({
    schema,
    context: async (_req, requestId, requestLogger) => ({ requestId, logger: requestLogger }),
    port: 0,
    host: "127.0.0.1",
    logger,
    metrics: new ServiceMetrics("test"),
  });
  return { server, lines };
}

let server: RunningHttpServer;
let lines: Record<string, any>[];
beforeAll(async () => {
  ({ server, lines } = await start());
});
afterAll(() => server?.close());

const send = (query: string, requestId?: string) => graphql(server.url, query, { headers: requestId ? { "x-request-id": requestId } : {} });
const linesOf = (requestId: string) => lines.filter((line) => line.requestId === requestId);
/** The access line is written once the response is done, which may be just after the client has it. */
const accessLine = async (requestId: string) => {
  await expect.poll(() => linesOf(requestId).some((line) => line.msg === "request")).toBe(true);
  return linesOf(requestId).find((line) => line.msg === "request")!;
};

describe("request logs", () => {
  it("write one access line per request with the request id, route, status, duration and operation", async () => {
    await send("query Greeting { hello }", "req-hello");
    const access = await accessLine("req-hello");
    expect(access).toMatchObject({ level: "info", service: "test", method: "POST", path: "/graphql", status: 200, operationName: "Greeting" });
    expect(access.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("give the context a logger bound to the request id", async () => {
    await send("{ hello }", "req-context");
    await accessLine("req-context");
    expect(linesOf("req-context").map((line) => line.msg)).toEqual(["saying hello", "request"]);
  });

  it("assign a request id when the caller sends none, and answer it in x-request-id", async () => {
    const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ hello }" }) });
    const requestId = response.headers.get("x-request-id")!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await response.text();
    expect(await accessLine(requestId)).toMatchObject({ status: 200 });
  });

  it("log an unexpected error in full under the request id, and show the client nothing of it", async () => {
    const response = await send("query Boom { boom }", "req-boom");
    expect(response.errors).toEqual([{ message: "Internal server error.", locations: expect.any(Array), path: ["boom"], extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
    const logged = linesOf("req-boom").find((line) => line.msg === "unexpected error");
    expect(logged).toMatchObject({ level: "error", path: ["boom"], error: { type: "Error", message: expect.stringContaining("catalog.product does not exist") } });
    expect(logged!.error.stack).toContain("observability.test.ts");
  });

  it("do not log expected errors", async () => {
    const response = await send("query Refused { refused }", "req-refused");
    expect(response.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    await accessLine("req-refused");
    expect(linesOf("req-refused").map((line) => line.msg)).toEqual(["request"]);
  });
});

describe("/metrics", () => {
  it("serves Prometheus text with HTTP, GraphQL and process metrics", async () => {
    const response = await fetch(new URL("/metrics", server.url));
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await response.text());
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(samples.find((s) => s.name === "trolley_http_requests_total")?.labels.service).toBe("test");
  });

  it("counts requests by route and status, operations by name, and errors by code", async () => {
    const before = await scrapeMetrics(server.url);
    await send("query Boom { boom }");
    await send("query Refused { refused }");
    await send("query Refused { refused }");
    await send("{ hello }");
    await send("query Broken { hello");
    await fetch(new URL("/nowhere", server.url)).then((r) => r.text());
    // HTTP metrics are recorded once a response is done, which may be just after the client has it.
    let after = await scrapeMetrics(server.url);
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    await expect
      .poll(async () => {
        after = await scrapeMetrics(server.url);
        return delta("trolley_http_request_duration_seconds_count", { route: "/graphql" }) + delta("trolley_http_requests_total", { route: "(unmatched)" });
      })
      .toBe(6);

    expect(delta("trolley_http_requests_total", { method: "POST", route: "/graphql", status: "200" })).toBe(4);
    expect(delta("trolley_http_requests_total", { route: "/graphql", status: "400" })).toBe(1);
    expect(delta("trolley_http_requests_total", { route: "(unmatched)", status: "404" })).toBe(1);
    expect(delta("trolley_graphql_operations_total", { operation: "Refused" })).toBe(2);
    expect(delta("trolley_graphql_operations_total", { operation: "(anonymous)" })).toBe(1);
    expect(delta("trolley_graphql_operation_duration_seconds_count", { operation: "Boom" })).toBe(1);
    expect(delta("trolley_graphql_errors_total", { operation: "Boom", code: "INTERNAL_SERVER_ERROR" })).toBe(1);
    expect(delta("trolley_graphql_errors_total", { operation: "Refused", code: "BAD_USER_INPUT" })).toBe(2);
    // A document that never parses has no operation: its client-chosen name is not a label value.
    expect(delta("trolley_graphql_errors_total", { operation: "(invalid)", code: "GRAPHQL_PARSE_FAILED" })).toBe(1);
    expect(delta("trolley_graphql_operations_total", { operation: "Broken" })).toBe(0);
  });

  it("keeps each server's metrics apart in one process", async () => {
    const other = await start();
    try {
      await graphql(other.server.url, "query OnlyHere { hello }");
      expect(sampleValue(await scrapeMetrics(other.server.url), "trolley_graphql_operations_total", { operation: "OnlyHere" })).toBe(1);
      expect(sampleValue(await scrapeMetrics(server.url), "trolley_graphql_operations_total", { operation: "OnlyHere" })).toBe(0);
    } finally {
      await other.server.close();
    }
  });
});
