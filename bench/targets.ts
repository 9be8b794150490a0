// The performance targets and how a run is judged against them. A target is met only where it
// was measured at every connection count it applies to; a target the run did not measure (no soak,
// no 256 connections) says so instead of passing.
import { errorCount, type Measurement } from "./measurement.js";
import type { SoakResult } from "./soak.js";

export interface TargetVerdict {
  target: string;
  status: "met" | "not met" | "not measured";
  detail: string;
}

const find = (ms: Measurement[], scenario: string, target: string, connections: number) =>
  ms.find((m) => m.scenario === scenario && m.target === target && m.connections === connections);

const x = (value: number) => `${value.toFixed(2)}×`;

export function judgeTargets(measurements: Measurement[], connections: number[], soak: SoakResult | undefined): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];

  const pairs = connections.map((c) => ({ c, ours: find(measurements, "cart", "ours", c), hive: find(measurements, "cart", "hive", c), direct: find(measurements, "cart", "direct", c) }));

  const vsHive = pairs.filter((p) => p.ours && p.hive);
  verdicts.push({
    target: "Query 1: ours ≥ 1.3× Hive Gateway's req/s, with p99 no worse",
    status: vsHive.length === 0 ? "not measured" : vsHive.every((p) => p.ours!.rps >= 1.3 * p.hive!.rps && p.ours!.p99 <= p.hive!.p99) ? "met" : "not met",
    detail: vsHive.map((p) => `c=${p.c}: ${x(p.ours!.rps / p.hive!.rps)} req/s, p99 ${p.ours!.p99.toFixed(1)} vs ${p.hive!.p99.toFixed(1)} ms`).join("; "),
  });

  const vsDirect = pairs.filter((p) => p.ours && p.direct);
  verdicts.push({
    target: "Query 1: our p50 within 1.5× of direct",
    status: vsDirect.length === 0 ? "not measured" : vsDirect.every((p) => p.ours!.p50 <= 1.5 * p.direct!.p50) ? "met" : "not met",
    detail: vsDirect.map((p) => `c=${p.c}: ${x(p.ours!.p50 / p.direct!.p50)} (${p.ours!.p50.toFixed(1)} vs ${p.direct!.p50.toFixed(1)} ms)`).join("; "),
  });

  const at256 = measurements.filter((m) => m.connections === 256 && m.target === "ours");
  const failing = at256.filter((m) => errorCount(m) > 0);
  verdicts.push({
    target: "Zero errors at 256 connections (our gateway, every scenario)",
    status: at256.length === 0 ? "not measured" : failing.length === 0 ? "met" : "not met",
    detail: at256.length === 0 ? "256 is not in BENCH_CONNECTIONS" : at256.map((m) => `${m.scenario}: ${errorCount(m)} of ${m.requests}`).join("; "),
  });

  verdicts.push({
    target: "Gateway heap within 10% after the soak",
    status: !soak ? "not measured" : soak.growth <= 0.1 ? "met" : "not met",
    detail: !soak ? "BENCH_SOAK=0" : `${soak.basis}: ${(soak.growth * 100).toFixed(1)}% after ${(soak.measurement.seconds / 60).toFixed(1)} min`,
  });
  return verdicts;
}
