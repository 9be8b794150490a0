import { describe, expect, it } from "vitest";
import { startTracing } from "../src/start-tracing.js";
import { readTracingSettings, tracingEnabled } from "../src/tracing-settings.js";

const enabled = (env: Record<string, string>) => tracingEnabled(readTracingSettings(env));

describe("whether tracing is on", () => {
  it("is off by default, and on when an exporter or an OTLP endpoint is named", () => {
    expect(enabled({})).toBe(false);
    expect(enabled({ OTEL_TRACES_EXPORTER: "console" })).toBe(true);
    expect(enabled({ OTEL_TRACES_EXPORTER: "otlp,console" })).toBe(true);
    expect(enabled({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(enabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(true);
  });

  it("stays off with the exporter none or the SDK disabled", () => {
    expect(enabled({ OTEL_TRACES_EXPORTER: "none", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(false);
    expect(enabled({ OTEL_SDK_DISABLED: "true", OTEL_TRACES_EXPORTER: "console" })).toBe(false);
  });

  it("starts nothing when off", () => {
    expect(startTracing("test", { env: {} })).toBeNull();
  });
});
