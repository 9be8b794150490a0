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

async function start(options: Pick<Parameters<typeof serveGraphQL<Context>>[0], "operationLabels"> = {}) {
  const lines: Record<string, any>[] = [];
  const logger = createLogger("test", "debug", { write: (line: string) => void lines.push(JSON.parse(line)) });
  const server = await serveGraphQL<Context>({
    schema,
    context: async (_req, requestId, requestLogger) => ({ requestId, logger: requestLogger }),
    port: 0,
    host: "127.0.0.1",
    logger,
    metrics: new ServiceMetrics("test"),
    ...options,
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

  it("reflect and log a short, plain request id, and replace a long or unusual one with their own", async () => {
    const plain = "req-Plain_1.2:3";
    const sent = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", "x-request-id": plain }, body: JSON.stringify({ query: "{ hello }" }) });
    expect(sent.headers.get("x-request-id")).toBe(plain);
    await sent.text();
    for (const unusual of ["a".repeat(65), "x".repeat(4000), "two words", "id<script>", "a\"b"]) {
      const response = await fetch(server.url, { method: "POST", headers: { "content-type": "application/json", "x-request-id": unusual }, body: JSON.stringify({ query: "{ hello }" }) });
      const replaced = response.headers.get("x-request-id")!;
      expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
      await response.text();
      expect(await accessLine(replaced)).toMatchObject({ status: 200 });
    }
    expect(lines.filter((line) => String(line.requestId).includes("two words") || String(line.requestId).length > 64)).toEqual([]);
  });

  it("log an unexpected error in full under the request id, and show the client nothing of it", async () => {
    const response = await send("query Boom { boom }", "req-boom");
    expect(response.errors).toEqual([{ message: "Internal server error.", locations: expect.any(Array), path: ["boom"], extensions: { code: "INTERNAL_SERVER_ERROR" } }]);
    const unexpected = linesOf("req-boom").filter((line) => line.msg === "unexpected error");
    // Once, under the request's id (and nowhere without it).
    expect(unexpected).toHaveLength(1);
    expect(lines.filter((line) => line.msg === "unexpected error" && line.requestId === undefined)).toEqual([]);
    const logged = unexpected[0];
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
    const response = await fetch(server.metricsUrl);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await response.text());
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(samples.find((s) => s.name === "trolley_http_requests_total")?.labels.service).toBe("test");
  });

  it("counts requests by route and status, operations by name, and errors by code", async () => {
    const before = await scrapeMetrics(server.metricsUrl);
    await send("query Boom { boom }");
    await send("query Refused { refused }");
    await send("query Refused { refused }");
    await send("{ hello }");
    await send("query Broken { hello");
    await fetch(new URL("/nowhere", server.url)).then((r) => r.text());
    // HTTP metrics are recorded once a response is done, which may be just after the client has it.
    let after = await scrapeMetrics(server.metricsUrl);
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    await expect
      .poll(async () => {
        after = await scrapeMetrics(server.metricsUrl);
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
      expect(sampleValue(await scrapeMetrics(other.server.metricsUrl), "trolley_graphql_operations_total", { operation: "OnlyHere" })).toBe(1);
      expect(sampleValue(await scrapeMetrics(server.metricsUrl), "trolley_graphql_operations_total", { operation: "OnlyHere" })).toBe(0);
    } finally {
      await other.server.close();
    }
  });
});

describe("operation labels", () => {
  it("are the registered names plus the first few others; every later name counts as `other`", async () => {
    const bounded = await start({ operationLabels: { registered: ["Registered"], maxOthers: 3 } });
    try {
      for (let i = 0; i < 50; i++) await graphql(bounded.server.url, `query Made${i} { hello }`);
      await graphql(bounded.server.url, "query Registered { hello }");
      await graphql(bounded.server.url, "query Made1 { hello }");
      const samples = (await scrapeMetrics(bounded.server.metricsUrl)).filter((s) => s.name === "trolley_graphql_operations_total");
      expect(Object.fromEntries(samples.map((s) => [s.labels.operation, s.value]))).toEqual({ Made0: 1, Made1: 2, Made2: 1, other: 47, Registered: 1 });
      // The same bound holds for the histogram and the error counter: 50 names, 5 series each.
      const buckets = (await scrapeMetrics(bounded.server.metricsUrl)).filter((s) => s.name === "trolley_graphql_operation_duration_seconds_count");
      expect(new Set(buckets.map((s) => s.labels.operation)).size).toBe(5);
    } finally {
      await bounded.server.close();
    }
  });
});

describe("the public port", () => {
  it("serves no /metrics, and the server listens on loopback by default", async () => {
    const response = await fetch(new URL("/metrics", server.url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("trolley_");
    expect(new URL(server.url).hostname).toBe("127.0.0.1");
    expect(new URL(server.metricsUrl).port).not.toBe(String(server.port));
  });
});
