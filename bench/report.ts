// The run's figures, as a table on the terminal and as bench/RESULTS.md: when and where it ran,
// how each gateway was configured, every measurement with the ours/Hive and ours/direct ratios,
// the soak's memory readings, and each target met or not.
import { cpus, loadavg, release, totalmem, type } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { errorCount, pairedRatio, spread, type GatewayTarget, type Measurement, type RoundFigures } from "./measurement.js";
import { megabytes, type MemoryReading } from "./memory.js";
import type { GatewayProfile } from "./profile.js";
import { gatewayTitles, scenarioTitles } from "./scenarios.js";
import type { SeededCarts } from "./seed-carts.js";
import type { BenchSettings } from "./settings.js";
import type { SoakResult } from "./soak.js";
import type { TargetVerdict } from "./targets.js";

export interface BenchReport {
  startedAt: Date;
  finishedAt: Date;
  loadBefore: number[];
  settings: BenchSettings;
  seeded: SeededCarts;
  gateways: Record<GatewayTarget, string[]>;
  /** Scenario → peers that could not serve it, and what they answered. */
  cannotServe: Map<string, Map<GatewayTarget, string>>;
  measurements: Measurement[];
  soak?: SoakResult;
  verdicts: TargetVerdict[];
  profiles: GatewayProfile[];
}

const x = (value: number) => `${value.toFixed(2)}×`;

/** `ours / other` of a figure: the median of the round-by-round ratios, with their spread when there are several rounds. */
function ratio(ours: Measurement, other: Measurement | undefined, figure: keyof RoundFigures): string {
  const r = other && pairedRatio(ours, other, figure);
  if (!r) return "";
  return r.low === r.high ? x(r.median) : `${x(r.median)} [${x(r.low)}–${x(r.high)}]`;
}

/** A median with the spread of its rounds. */
function figure(m: Measurement, key: keyof RoundFigures, digits: number): string {
  const value = m[key];
  if (value === undefined) return "";
  const range = spread(m, key);
  return range && range[0] !== range[1] ? `${value.toFixed(digits)} (${range[0].toFixed(digits)}–${range[1].toFixed(digits)})` : value.toFixed(digits);
}

function rows(report: BenchReport): string[][] {
  const table: string[][] = [];
  const order = ["ours", "hiveRust", "hive", "direct"];
  const all = [...report.measurements, ...(report.soak ? [report.soak.measurement] : [])];
  for (const scenario of [...new Set(all.map((m) => m.scenario))]) {
    for (const c of [...new Set(all.filter((m) => m.scenario === scenario).map((m) => m.connections))]) {
      const group = all.filter((m) => m.scenario === scenario && m.connections === c).sort((a, b) => order.indexOf(a.target) - order.indexOf(b.target));
      const hive = group.find((m) => m.target === "hive");
      const hiveRust = group.find((m) => m.target === "hiveRust");
      const direct = group.find((m) => m.target === "direct");
      for (const m of group) {
        const ours = m.target === "ours";
        table.push([
          scenario,
          String(c),
          m.target === "direct" ? "direct" : gatewayTitles[m.target],
          figure(m, "rps", 0),
          figure(m, "p50", 1),
          figure(m, "p99", 1),
          figure(m, "cpuPerRequestMs", 2),
          `${errorCount(m)} / ${m.requests}`,
          ours ? ratio(m, hiveRust, "rps") : "",
          ours ? ratio(m, hiveRust, "p99") : "",
          ours ? ratio(m, hiveRust, "cpuPerRequestMs") : "",
          ours ? ratio(m, hive, "rps") : "",
          ours ? ratio(m, direct, "p50") : "",
        ]);
      }
    }
  }
  return table;
}

const header = [
  "scenario",
  "conns",
  "target",
  "req/s",
  "p50 ms",
  "p99 ms",
  "CPU ms/req",
  "errors / requests",
  "ours/Hive-Rust req/s",
  "ours/Hive-Rust p99",
  "ours/Hive-Rust CPU",
  "ours/Hive req/s",
  "ours/direct p50",
];

export function printTable(report: BenchReport): void {
  const table = [header, ...rows(report)];
  const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const line = (row: string[]) => row.map((cell, i) => (i >= 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of table.slice(1)) console.log(line(row));
  console.log("\nTargets:");
  for (const v of report.verdicts) console.log(`  [${v.status}] ${v.target}${v.detail ? ` — ${v.detail}` : ""}`);
}

const memoryLine = (label: string, m: MemoryReading) =>
  `| ${label} | ${megabytes(m.heapAfterGc)}${m.heapAfterGc !== undefined && !m.gcForced ? " (no GC)" : ""} | ${megabytes(m.metricsHeap)} | ${megabytes(m.rss)} | ${m.processes} |`;

export function markdown(report: BenchReport): string {
  const { settings, seeded } = report;
  const cpu = cpus();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`;
  const failures = [...report.measurements, ...(report.soak ? [report.soak.measurement] : [])].filter((m) => m.samples.length);
  const out = [
    "# Benchmark results",
    "",
    "Written by `pnpm bench` (bench/run.ts); every run overwrites it. Figures from one machine at one moment: compare runs made on the same machine.",
    "",
    `- **Date:** ${report.startedAt.toISOString()} (took ${((report.finishedAt.getTime() - report.startedAt.getTime()) / 60000).toFixed(1)} min)`,
    `- **Machine:** ${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory, ${type()} ${release()}, Node ${process.version}`,
    `- **Load average before the run:** ${report.loadBefore.map((l) => l.toFixed(2)).join(", ")}; after: ${loadavg().map((l) => l.toFixed(2)).join(", ")} (other work on the machine skews the figures)`,
    `- **Runs:** ${seconds(settings.durationMs)} each after a ${seconds(settings.warmupMs)} warm-up per target and connection count; connections ${settings.connections.join(", ")}; ${settings.rounds} round(s), the gateways taking turns at going first; load from autocannon in the bench process, one request in flight per connection`,
    `- **Figures:** the median of the rounds, with their spread (lowest–highest) in parentheses; a ratio is taken round by round (each round's gateways ran side by side) and shown as its median [lowest–highest]. A target is met only where its whole spread is on the right side.`,
    `- **CPU per request:** user + system CPU time of every process of the gateway (supervisor and workers, read from /proc for the process group) during the measured run, over the requests it served.`,
    ...(settings.durationMs < 10_000 ? [`- **Short run** (${seconds(settings.durationMs)} per measurement): a check that the harness works, too short and noisy to judge the gateways by.`] : []),
    `- **Data:** ${seeded.users.toLocaleString("en")} users (\`bench-user-<n>\`), ${seeded.carts.toLocaleString("en")} carts, ${seeded.lines.toLocaleString("en")} lines; users 0-${seeded.fullCartUsers - 1} have 20-line carts (query 1 rotates over them); the rest: no cart, an empty cart, or 1-8 lines; ${seeded.productIds.length} ACTIVE products, stock set to 1,000,000`,
    "",
    "## Configuration",
    "",
    "**Ours:**",
    ...report.gateways.ours.map((l) => `- ${l}`),
    "",
    "**Hive Gateway with its Rust query planner (Hive-Rust):**",
    ...report.gateways.hiveRust.map((l) => `- ${l}`),
    "",
    "**Hive Gateway with its default JavaScript runtime (Hive):**",
    ...report.gateways.hive.map((l) => `- ${l}`),
    "",
    ...[...report.cannotServe].flatMap(([scenario, peers]) => [...peers].map(([peer, why]) => `- ${gatewayTitles[peer]} cannot serve \`${scenario}\` and sits it out: ${why.slice(0, 300)}`)),
    ...(report.cannotServe.size ? [""] : []),
    "**Direct:** the subgraph calls of the gateway's query plan, made by the bench itself (a client loop in the bench process with `connections` concurrent workers; one sequence counts as one request). Query 1 is the cart fetch, the catalog's products, then pricing's cart cost and line subtotals in parallel (`_entities` fetches); the listing and addToCart are one fetch each.",
    "",
    "**Errors** count non-2xx answers, socket errors and timeouts, GraphQL `errors`, mutation `userErrors`, and answers of the wrong shape (every mutation answer and every 16th query answer is checked in full).",
    "",
    "## Figures",
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map((_, i) => (i >= 3 ? "---:" : "---")).join(" | ")} |`,
    ...rows(report).map((row) => `| ${row.join(" | ")} |`),
    "",
    Object.entries(scenarioTitles)
      .map(([key, title]) => `\`${key}\`: ${title}`)
      .join("; ") + ".",
    "",
  ];
  const notes = [...report.measurements, ...(report.soak ? [report.soak.measurement] : [])].filter((m) => m.note);
  if (notes.length) out.push(...notes.map((m) => `- ${m.scenario} ${m.target} c=${m.connections}: ${m.note}`), "");
  out.push("## Soak", "");
  if (report.soak) {
    const { soak } = report;
    out.push(
      `Query 1 on our gateway at ${soak.measurement.connections} connections for ${(soak.measurement.seconds / 60).toFixed(1)} min: ${soak.measurement.rps.toFixed(0)} req/s, p50 ${soak.measurement.p50.toFixed(1)} ms, p99 ${soak.measurement.p99.toFixed(1)} ms, ${errorCount(soak.measurement)} errors.`,
      "",
      "| gateway memory | heap after forced GC | heap (/metrics) | RSS (gateway Node processes) | processes |",
      "| --- | ---: | ---: | ---: | ---: |",
      memoryLine("before", soak.before),
      memoryLine("after", soak.after),
      "",
      `Judged on ${soak.basis}: ${(soak.growth * 100).toFixed(1)}% change.`,
      "",
    );
  } else {
    out.push("Not run (BENCH_SOAK=0).", "");
  }
  out.push("## Targets", "", "| target | status | figures: ratio median [lowest–highest round] |", "| --- | --- | --- |", ...report.verdicts.map((v) => `| ${v.target} | **${v.status}** | ${v.detail} |`), "");
  out.push(...profileSection(report.profiles, report.settings.profileMs));
  if (failures.length) {
    out.push("## Failures seen", "");
    for (const m of failures) out.push(`- ${m.scenario} ${m.target} c=${m.connections}: ${m.samples.join("; ")}`);
    out.push("");
  }
  return out.join("\n");
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function profileSection(profiles: GatewayProfile[], profileMs: number): string[] {
  if (profiles.length === 0) return [];
  const out = [
    "## Where our gateway's time goes (profile)",
    "",
    `Taken where a target was not met: a separate gateway of ours (one process) beside the stack, warmed up, then sampled by V8's profiler for ${profileMs / 1000} s at 64 connections per scenario, after the measured runs (start-up left out). Self time of the busy samples, idle left out. The profiles themselves are in \`bench/profiles/\` (not committed; they open in Chrome DevTools' Performance panel).`,
    "",
  ];
  for (const p of profiles) {
    out.push(`### ${p.scenario} (${p.rps.toFixed(0)} req/s while profiled, ${(p.busyMs / 1000).toFixed(1)} s busy)`, "");
    out.push("| package | self time |", "| --- | ---: |", ...p.packages.map((l) => `| ${l.name} | ${percent(l.share)} |`), "");
    out.push("| function | self time |", "| --- | ---: |", ...p.functions.map((l) => `| ${l.name.replaceAll("|", "\\|")} | ${percent(l.share)} |`), "");
  }
  return out;
}

/** The history of what was tried, kept by hand beside the harness, follows each run's figures. */
const LEVERS_PATH = "bench/LEVERS.md";

export function writeResults(report: BenchReport): void {
  const levers = existsSync(LEVERS_PATH) ? `\n${readFileSync(LEVERS_PATH, "utf8")}` : "";
  writeFileSync(report.settings.resultsPath, markdown(report) + levers);
}
