// Whether tracing is on, decided by the standard OpenTelemetry variables so an operator configures
// Trolley like any other OTel service. Off unless an exporter or an OTLP endpoint is named; the SDK
// reads the details (protocol, headers, sampler, propagators) from the same variables itself.
import { loadConfig, z } from "@trolley/config";

const settingsSchema = z.object({
  /** "true" switches tracing off whatever else is set. */
  OTEL_SDK_DISABLED: z.enum(["true", "false"]).default("false"),
  /** otlp, console, zipkin or none (a comma-separated list is allowed). */
  OTEL_TRACES_EXPORTER: z.string().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  /** Overrides the name each process gives itself. */
  OTEL_SERVICE_NAME: z.string().optional(),
});

export type TracingSettings = z.infer<typeof settingsSchema>;

export function readTracingSettings(env: Record<string, string | undefined> = process.env): TracingSettings {
  return loadConfig(settingsSchema, env);
}

export function tracingEnabled(settings: TracingSettings): boolean {
  if (settings.OTEL_SDK_DISABLED === "true") return false;
  const exporters = (settings.OTEL_TRACES_EXPORTER ?? "").split(",").map((e) => e.trim()).filter(Boolean);
  if (exporters.length > 0) return exporters.some((e) => e !== "none");
  return Boolean(settings.OTEL_EXPORTER_OTLP_ENDPOINT || settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}
