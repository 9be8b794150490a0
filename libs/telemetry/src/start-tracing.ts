// Distributed tracing with the OpenTelemetry Node SDK: incoming HTTP (node:http servers), outgoing
// fetch (undici; how the gateway and the subgraphs call each other, so the trace context travels in
// `traceparent`), and Postgres queries (pg, under Prisma's driver adapter). @apollo/gateway adds its
// own spans (gateway.request, gateway.plan, gateway.fetch) through @opentelemetry/api.
//
// Call it before the rest of the process is imported (each service's tracing.ts, imported first by
// main.ts). It is synchronous on purpose: an async start (top-level await) would let the modules
// imported after it run before the instrumentations are in place. When tracing is off nothing of
// the SDK is even loaded.
import { createRequire } from "node:module";
import type { tracing } from "@opentelemetry/sdk-node";
import { readTracingSettings, tracingEnabled } from "./tracing-settings.js";

export interface TracingOptions {
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Instead of the exporters named by OTEL_TRACES_EXPORTER (tests pass an in-memory exporter). */
  spanProcessors?: tracing.SpanProcessor[];
}

export interface Tracing {
  /** Exports what is still buffered, then stops tracing (instrumentations off, globals released). */
  shutdown(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** How long shutdown waits for the exporter; the process's whole stop has 10 s (runUntilSignal). */
const FLUSH_WAIT_MS = 3000;

/** Starts tracing when the OTEL_* variables (or `spanProcessors`) ask for it; null when it is off. */
export function startTracing(serviceName: string, options: TracingOptions = {}): Tracing | null {
  const settings = readTracingSettings(options.env);
  if (settings.OTEL_SDK_DISABLED === "true" || (!options.spanProcessors && !tracingEnabled(settings))) return null;

  const { NodeSDK } = require("@opentelemetry/sdk-node") as typeof import("@opentelemetry/sdk-node");
  const { HttpInstrumentation } = require("@opentelemetry/instrumentation-http") as typeof import("@opentelemetry/instrumentation-http");
  const { PgInstrumentation } = require("@opentelemetry/instrumentation-pg") as typeof import("@opentelemetry/instrumentation-pg");
  const { UndiciInstrumentation } = require("@opentelemetry/instrumentation-undici") as typeof import("@opentelemetry/instrumentation-undici");
  const api = require("@opentelemetry/api") as typeof import("@opentelemetry/api");

  const instrumentations = [
    // Probes and scrapes every few seconds would drown the traces that matter.
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health\/|metrics\b)/.test(req.url ?? "") }),
    new UndiciInstrumentation(),
    // Queries are traced inside a request's trace only: the outbox relays poll every second and
    // would otherwise start a trace of their own each time.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
  const sdk = new NodeSDK({
    // OTEL_SERVICE_NAME, when set, wins over the process's own name.
    serviceName: settings.OTEL_SERVICE_NAME ?? serviceName,
    instrumentations,
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
    // Traces only: metrics are served by /metrics (prom-client) and logs go to stdout. Without these
    // the SDK would also start OTLP metric and log exporters by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  // Patching happens when a module is next required. node:http (patched on its shared Server
  // prototype) and pg are loaded through `import` (which these hooks do not see), so require them
  // once here: the ESM import of pg then gets the same, already patched module instance.
  require("node:http");
  require("pg");

  return {
    async shutdown() {
      // A collector that does not answer must not hold up the exit: spans unsent by then are dropped.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([sdk.shutdown(), new Promise((resolve) => (timer = setTimeout(resolve, FLUSH_WAIT_MS)))]);
      clearTimeout(timer);
      for (const instrumentation of instrumentations) instrumentation.disable();
      api.trace.disable();
      api.context.disable();
      api.propagation.disable();
    },
  };
}
