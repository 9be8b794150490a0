// Readiness that means "can serve its core requests". A dependency a process cannot serve without
// (a subgraph's database; the gateway's cart and catalog) decides it; one whose outage only degrades
// some fields or background work (Redis for a subgraph; order and payment for the gateway) shows in
// the report and in `trolley_dependency_up`, but never takes the process out of a load balancer:
// that would turn a fail-open design into a full outage.
import { Gauge } from "prom-client";
import type { ServiceMetrics } from "./metrics.js";

/** `ok`; `degraded` for a failed optional dependency; `unavailable` for a failed required one. */
export type CheckState = "ok" | "degraded" | "unavailable";

export interface HealthReport {
  ready: boolean;
  checks: Record<string, CheckState>;
}

export interface DependencyCheck {
  name: string;
  /** Without it the process cannot serve its core requests. */
  required: boolean;
  /** Resolves true when the dependency answers; false or a rejection when it does not. */
  check: () => Promise<boolean>;
}

/** Runs every check at once and reports them, recording each in the dependency gauge. */
export function readiness(dependencies: DependencyCheck[], metrics?: ServiceMetrics): () => Promise<HealthReport> {
  const gauge = metrics && dependencyGauge(metrics);
  return async () => {
    const answers = await Promise.all(dependencies.map((dependency) => dependency.check().catch(() => false)));
    const checks: Record<string, CheckState> = {};
    dependencies.forEach((dependency, i) => {
      checks[dependency.name] = answers[i] ? "ok" : dependency.required ? "unavailable" : "degraded";
      gauge?.set({ dependency: dependency.name }, answers[i] ? 1 : 0);
    });
    return { ready: dependencies.every((dependency, i) => !dependency.required || answers[i]), checks };
  };
}

const gauges = new WeakMap<ServiceMetrics, Gauge<"dependency">>();
function dependencyGauge(metrics: ServiceMetrics): Gauge<"dependency"> {
  let gauge = gauges.get(metrics);
  if (!gauge) {
    gauge = new Gauge({ name: "trolley_dependency_up", help: "1 when the dependency answered the last readiness check, 0 when it did not.", labelNames: ["dependency"], registers: [metrics.registry] });
    gauges.set(metrics, gauge);
  }
  return gauge;
}
