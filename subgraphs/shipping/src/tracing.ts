// Tracing (off unless the OTEL_* variables turn it on) starts before the rest of the process is
// imported, so the instrumentations are in place when the modules they patch first run. main.ts
// imports this file first.
import { startTracing } from "@trolley/telemetry";

export const tracing = startTracing("shipping");
