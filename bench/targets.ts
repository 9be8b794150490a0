// The performance targets and how a run is judged against them. Each figure is the median of the
// rounds, and a ratio between two targets is taken round by round (they ran side by side), so a
// target is met only where its whole spread is on the right side: the worst round must pass. A
// target is judged on every (scenario, connection count) it applies to; one the run did not
// measure (a scenario not selected, 256 connections left out) says so instead of passing.
import { errorCount, pairedRatio, type Measurement, type RoundFigures, type Target } from "./measurement.js";
import type { SoakResult } from "./soak.js";

export interface TargetVerdict {
  target: string;
  status: "met" | "not met" | "not measured";
  detail: string;
}

interface Case {
  scenario: string;
  connections: number;
}

const find = (ms: Measurement[], scenario: string, target: Target, connections: number) =>
  ms.find((m) => m.scenario === scenario && m.target === target && m.connections === connections);

const x = (value: number) => `${value.toFixed(2)}×`;

/** The gateways' read scenarios the ratio targets apply to. */
export const JUDGED_SCENARIOS = ["cart", "products"];

/**
 * A ratio target on every case: `ours / versus` of `figure`, which must stay at or above `floor`
 * (throughput) or at or below `ceiling` (latency, CPU) in every round.
 */
function ratioTarget(
  title: string,
  measurements: Measurement[],
  cases: Case[],
  versus: Target,
  figure: keyof RoundFigures,
  bound: { floor: number } | { ceiling: number },
): TargetVerdict {
  const parts: string[] = [];
  const missing: string[] = [];
  let failed = false;
  for (const { scenario, connections } of cases) {
    const ours = find(measurements, scenario, "ours", connections);
    const other = find(measurements, scenario, versus, connections);
    const ratio = ours && other ? pairedRatio(ours, other, figure) : undefined;
    if (!ratio) {
      missing.push(`${scenario} c=${connections}`);
      continue;
    }
    const passes = "floor" in bound ? ratio.low >= bound.floor : ratio.high <= bound.ceiling;
    if (!passes) failed = true;
    const unit = figure === "cpuPerRequestMs" ? ` (${ours!.cpuPerRequestMs!.toFixed(2)} vs ${other!.cpuPerRequestMs!.toFixed(2)} ms CPU)` : "";
    parts.push(`${scenario} c=${connections}: ${x(ratio.median)} [${x(ratio.low)}–${x(ratio.high)}]${unit}${passes ? "" : " ✗"}`);
  }
  if (missing.length) parts.push(`not measured: ${missing.join(", ")}`);
  return { target: title, status: failed ? "not met" : missing.length || parts.length === 0 ? "not measured" : "met", detail: parts.join("; ") };
}

export function judgeTargets(measurements: Measurement[], connections: number[], soak: SoakResult | undefined): TargetVerdict[] {
  const casesAt = (scenarios: string[], counts: number[]) => scenarios.flatMap((scenario) => counts.map((c) => ({ scenario, connections: c })));
  const readCases = casesAt(JUDGED_SCENARIOS, [16, 64, 256]);
  const measuredWithPeer = [...new Set(measurements.filter((m) => m.target === "hiveRust").map((m) => m.scenario))];
  const verdicts = [
    ratioTarget("Enriched cart and product listing: ours ≥ 1.0× Hive (Rust planner) in req/s, at 16, 64 and 256 connections", measurements, readCases, "hiveRust", "rps", { floor: 1 }),
    ratioTarget("... with p99 no worse than Hive (Rust planner)'s", measurements, readCases, "hiveRust", "p99", { ceiling: 1 }),
    ratioTarget(
      "Gateway CPU per request (every process counted): ours ≤ Hive (Rust planner)'s, per scenario",
      measurements,
      casesAt(measuredWithPeer.length ? measuredWithPeer : JUDGED_SCENARIOS, connections),
      "hiveRust",
      "cpuPerRequestMs",
      { ceiling: 1 },
    ),
    ratioTarget("Our p50 within 1.3× of the direct subgraph calls, at 16 and 64 connections", measurements, casesAt(JUDGED_SCENARIOS, [16, 64]), "direct", "p50", { ceiling: 1.3 }),
  ];

  const failing = measurements.filter((m) => errorCount(m) > 0);
  verdicts.push({
    target: "Zero errors everywhere (every gateway, every scenario, every round)",
    status: measurements.length === 0 ? "not measured" : failing.length === 0 ? "met" : "not met",
    detail: failing.length === 0 ? `${measurements.reduce((n, m) => n + m.requests, 0).toLocaleString("en")} requests, none failed` : failing.map((m) => `${m.scenario} ${m.target} c=${m.connections}: ${errorCount(m)} of ${m.requests}`).join("; "),
  });

  verdicts.push({
    target: "Gateway heap within 10% after the soak",
    status: !soak ? "not measured" : soak.growth <= 0.1 ? "met" : "not met",
    detail: !soak ? "BENCH_SOAK=0" : `${soak.basis}: ${(soak.growth * 100).toFixed(1)}% after ${(soak.measurement.seconds / 60).toFixed(1)} min`,
  });
  return verdicts;
}

/** The (scenario, connections) cases where ours fell short of a ratio target: what the profile looks at. */
export function shortfalls(verdicts: TargetVerdict[]): string[] {
  const scenarios = new Set<string>();
  for (const v of verdicts) {
    if (v.status !== "not met") continue;
    for (const part of v.detail.split("; ")) if (part.endsWith("✗")) scenarios.add(part.split(" ")[0]);
  }
  return [...scenarios];
}
