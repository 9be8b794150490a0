// How the bench judges its figures (bench/targets.ts, bench/measurement.ts) and reads a profile
// (bench/profile.ts): plain functions, tested without running a benchmark.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { groupCpuSeconds } from "../bench/cpu.js";
import { combineRounds, pairedRatio, type Measurement, type Target } from "../bench/measurement.js";
import { packageOf, summarize } from "../bench/profile.js";
import { judgeTargets } from "../bench/targets.js";

function run(scenario: string, target: Target, connections: number, rps: number, p99 = 100, cpuPerRequestMs?: number): Measurement {
  return {
    scenario,
    target,
    connections,
    requests: rps * 10,
    seconds: 10,
    rps,
    p50: 1000 / rps,
    p99,
    non2xx: 0,
    socketErrors: 0,
    graphqlErrors: 0,
    userErrors: 0,
    invalid: 0,
    samples: [],
    ...(cpuPerRequestMs !== undefined ? { cpuSeconds: (cpuPerRequestMs * rps * 10) / 1000, cpuPerRequestMs } : {}),
  };
}

/** Five rounds of one target, each round's req/s given. */
const rounds = (scenario: string, target: Target, connections: number, rates: number[], cpu?: number[]) =>
  combineRounds(rates.map((rps, i) => run(scenario, target, connections, rps, 100, cpu?.[i])));

describe("bench figures", () => {
  it("combine rounds into medians and keep each round for the spread", () => {
    const m = rounds("cart", "ours", 16, [90, 110, 100, 95, 120], [2, 3, 2.5, 2, 4]);
    expect(m.rps).toBe(100);
    expect(m.cpuPerRequestMs).toBe(2.5);
    expect(m.rounds).toHaveLength(5);
    expect(m.requests).toBe(5150);
  });

  it("take a ratio round by round, so a round that was slow for both does not count against either", () => {
    const ours = rounds("cart", "ours", 16, [100, 50, 100]);
    const peer = rounds("cart", "hiveRust", 16, [90, 45, 95]);
    const ratio = pairedRatio(ours, peer, "rps")!;
    expect(ratio.low).toBeCloseTo(100 / 95);
    expect(ratio.high).toBeCloseTo(100 / 90);
    expect(ratio.low).toBeGreaterThan(1);
  });
});

describe("bench targets", () => {
  const everyCase = (ours: number[], peer: number[]) =>
    ["cart", "products"].flatMap((scenario) =>
      [16, 64, 256].flatMap((c) => [rounds(scenario, "ours", c, ours, [1, 1, 1]), rounds(scenario, "hiveRust", c, peer, [2, 2, 2]), rounds(scenario, "direct", c, [200, 200, 200])]),
    );
  const throughput = (measurements: Measurement[]) => judgeTargets(measurements, [16, 64, 256], undefined)[0];

  it("are met only where the whole spread is on the right side", () => {
    expect(throughput(everyCase([101, 105, 110], [100, 100, 100])).status).toBe("met");
    // The median is ahead, but one round was behind: not met.
    const crossing = throughput(everyCase([99, 120, 130], [100, 100, 100]));
    expect(crossing.status).toBe("not met");
    expect(crossing.detail).toContain("cart c=16: 1.20× [0.99×–1.30×] ✗");
  });

  it("say what was not measured instead of passing it", () => {
    const only16 = everyCase([200, 200, 200], [100, 100, 100]).filter((m) => m.connections === 16);
    const verdict = throughput(only16);
    expect(verdict.status).toBe("not measured");
    expect(verdict.detail).toContain("not measured: cart c=64, cart c=256");
  });

  it("judge CPU per request against the peer's, and errors anywhere", () => {
    const measurements = everyCase([100, 100, 100], [100, 100, 100]);
    const verdicts = judgeTargets(measurements, [16, 64, 256], undefined);
    expect(verdicts.find((v) => v.target.startsWith("Gateway CPU"))!.status).toBe("met");
    measurements[0] = { ...measurements[0], graphqlErrors: 1 };
    expect(judgeTargets(measurements, [16, 64, 256], undefined).find((v) => v.target.startsWith("Zero errors"))!.status).toBe("not met");
  });
});

describe("bench profile", () => {
  it("names the package a function's script belongs to", () => {
    expect(packageOf("file:///r/node_modules/.pnpm/@apollo+gateway@2.14.4/node_modules/@apollo/gateway/dist/executeQueryPlan.js", "f")).toBe("@apollo/gateway");
    expect(packageOf("file:///r/node_modules/.pnpm/undici@7.1.0/node_modules/undici/lib/dispatcher/client-h1.js", "f")).toBe("undici");
    expect(packageOf("file:///r/gateway/dist/subgraph-fetch.js", "json")).toBe("trolley gateway");
    expect(packageOf("file:///r/libs/http/dist/serve-graphql.js", "f")).toBe("trolley libs/http");
    expect(packageOf("node:internal/streams/readable", "f")).toBe("node:internal");
    expect(packageOf("", "(garbage collector)")).toBe("(garbage collector)");
  });

  it("sums self time of the busy samples, idle left out", () => {
    const frame = (id: number, functionName: string, url: string) => ({ id, callFrame: { functionName, url, lineNumber: 0 } });
    const summary = summarize({
      nodes: [frame(1, "(idle)", ""), frame(2, "executeSelectionSet", "file:///r/node_modules/@apollo/gateway/dist/x.js"), frame(3, "parse", "file:///r/node_modules/graphql/language/parser.js")],
      samples: [1, 2, 2, 3, 1],
      timeDeltas: [5000, 3000, 3000, 2000, 5000],
    });
    expect(summary.busyMs).toBe(8);
    expect(summary.packages).toEqual([
      { name: "@apollo/gateway", share: 0.75 },
      { name: "graphql", share: 0.25 },
    ]);
  });
});

describe("bench CPU time", () => {
  it("counts the processes a gateway forked, not only the one the bench started", async () => {
    // An idle leader whose forked child spins: the group's CPU time can only grow through the child.
    const spin = "const until = Date.now() + 60000; while (Date.now() < until);";
    const leader = spawn(
      process.execPath,
      ["-e", `require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(spin)}], { stdio: "inherit" }); process.stdout.write("forked\\n"); setInterval(() => {}, 1000);`],
      { detached: true, stdio: ["ignore", "pipe", "inherit"] },
    );
    try {
      await once(leader.stdout!, "data");
      const before = groupCpuSeconds(leader.pid!)!;
      let after = before;
      while (after - before < 0.5) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        after = groupCpuSeconds(leader.pid!)!;
      }
      expect(after - before).toBeGreaterThanOrEqual(0.5);
    } finally {
      process.kill(-leader.pid!, "SIGKILL");
    }
  });
});
