// One trace per request across processes: the gateway's fetch to a subgraph and the subgraph's
// handling of it (down to its SQL) share the trace id that travelled in the `traceparent` header.
// Tracing runs in this test process, with the services' own setup (startTracing) and an in-memory
// exporter in place of OTLP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, tracing as sdk } from "@opentelemetry/sdk-node";
import { graphql } from "@trolley/testing";
import { startTracing, type Tracing } from "@trolley/telemetry";
import { startStack, type Stack } from "../support/stack.js";

const { SpanKind } = api;
const exporter = new sdk.InMemorySpanExporter();
let tracing: Tracing;
let stack: Stack;
beforeAll(async () => {
  tracing = startTracing("trolley-test", { env: {}, spanProcessors: [new sdk.SimpleSpanProcessor(exporter)] })!;
  stack = await startStack();
});
afterAll(async () => {
  await stack?.close();
  await tracing?.shutdown();
});

const portOf = (span: sdk.ReadableSpan) => Number(span.attributes["server.port"] ?? span.attributes["net.host.port"]);

describe("tracing", () => {
  it("puts the gateway's fetch and the subgraph's handling of it in one trace", async () => {
    exporter.reset();
    // Categories: read from Postgres every time (product listings may come from the Redis cache).
    const response = await graphql(stack.gateway.url, `query Traced { categories { slug } }`);
    expect(response.data.categories.length).toBeGreaterThan(0);

    const catalogServerSpan = () => exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && portOf(span) === stack.catalog.port);
    await expect.poll(catalogServerSpan).toBeDefined();
    const spans = exporter.getFinishedSpans();
    const served = catalogServerSpan()!;
    const fetched = spans.find((span) => span.name === "gateway.fetch" && span.attributes.service === "catalog");
    expect(fetched).toBeDefined();
    expect(served.spanContext().traceId).toBe(fetched!.spanContext().traceId);

    // The subgraph's span is the child of the gateway's HTTP call, made inside gateway.fetch.
    const call = spans.find((span) => span.spanContext().spanId === served.parentSpanContext?.spanId);
    expect(call?.kind).toBe(SpanKind.CLIENT);
    expect(call?.parentSpanContext?.spanId).toBe(fetched!.spanContext().spanId);
    // All of it under the gateway's handling of the client's request (whose own fetch, made in this
    // process, is traced too and so started the trace).
    const received = spans.find((span) => span.kind === SpanKind.SERVER && portOf(span) === stack.gateway.port);
    const planned = spans.find((span) => span.name === "gateway.request");
    expect(received?.spanContext().traceId).toBe(served.spanContext().traceId);
    expect(planned?.parentSpanContext?.spanId).toBe(received?.spanContext().spanId);
    // The catalog's queries for it are in the same trace.
    expect(spans.some((span) => span.name.startsWith("pg.query") && span.spanContext().traceId === served.spanContext().traceId)).toBe(true);
  });
});
