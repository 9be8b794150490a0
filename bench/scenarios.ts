// The benchmarks and the order they run in. Each is measured at every connection count; at each
// count every target is warmed up first (figures discarded), then come the rounds: in each, the
// gateways run one after the other, taking turns at going first, and the direct run follows. A
// gateway's run also counts the CPU time of its processes.
import { Agent } from "node:http";
import { groupCpuSeconds } from "./cpu.js";
import { addToCartPlan, cartPlan, plainCartPlan, productsPlan } from "./direct-plans.js";
import { httpPoster, runDirect } from "./direct.js";
import type { Identities } from "./identities.js";
import { runLoad, type RequestSource } from "./load.js";
import { judge } from "./operations.js";
import { combineRounds, errorCount, type GatewayTarget, type Measurement, type Target } from "./measurement.js";
import type { SeededCarts } from "./seed-carts.js";
import type { BenchSettings } from "./settings.js";
import { AddToCartSpread, addToCartSource, cartSource, CheckoutPool, checkoutSource, productsSource, type GatewayKind } from "./sources.js";
import type { SubgraphUrls } from "./supergraph.js";

/** A gateway the bench measures: where it answers, how its clients say who they are, and its processes' group. */
export interface GatewayUnderTest {
  target: GatewayTarget;
  url: string;
  credential: GatewayKind;
  /** The process group of the gateway and its workers, whose CPU time is counted. */
  groupId: number;
}

export interface BenchTargets {
  settings: BenchSettings;
  seeded: SeededCarts;
  identities: Identities;
  /** Ours first, then the peers. */
  gateways: GatewayUnderTest[];
  subgraphs: SubgraphUrls;
  /** What a peer answered instead of the scenario's data (found by the smoke test): it sits that scenario out. */
  cannotServe: Map<string, Map<GatewayTarget, string>>;
  /** Throws if a process of the stack died; checked after every run. */
  assertAlive(): void;
}

export const gatewayTitles: Record<GatewayTarget, string> = { ours: "ours", hive: "Hive", hiveRust: "Hive (Rust planner)" };

interface Runner {
  target: Target;
  run(connections: number, durationMs: number): Promise<Measurement>;
}

export const scenarioTitles: Record<string, string> = {
  cart: "Query 1: cart with 20 lines (products, subtotals, cost)",
  cartPlain: "Query 1 without the quote: cart with 20 lines (products' names and prices only)",
  products: "Product listing (first 24)",
  addToCart: "addToCart, spread over all users",
  checkout: "checkout, one user each",
  soak: "Soak: query 1 on our gateway",
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const describe = (m: Measurement) =>
  `${m.scenario.padEnd(9)} ${m.target.padEnd(8)} c=${String(m.connections).padEnd(4)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms${m.cpuPerRequestMs !== undefined ? `  cpu ${m.cpuPerRequestMs.toFixed(2).padStart(6)} ms/req` : ""}  errors ${errorCount(m)}${m.samples.length ? `  (${m.samples[0]})` : ""}`;

/** `items` turned `by` places to the left. */
const rotate = <T>(items: T[], by: number) => items.map((_, i) => items[(i + by) % items.length]);

async function runMatrix(scenario: string, runners: Runner[], targets: BenchTargets): Promise<Measurement[]> {
  const { settings } = targets;
  const results: Measurement[] = [];
  for (const [index, connections] of settings.connections.entries()) {
    if (settings.warmupMs > 0) {
      for (const runner of runners) {
        await runner.run(connections, settings.warmupMs);
        await pause(300);
      }
    }
    const rounds = new Map<Target, Measurement[]>(runners.map((r) => [r.target, []]));
    for (let round = 0; round < settings.rounds; round++) {
      const gateways = rotate(
        runners.filter((r) => r.target !== "direct"),
        index + round,
      );
      for (const runner of [...gateways, ...runners.filter((r) => r.target === "direct")]) {
        const measurement = await runner.run(connections, settings.durationMs);
        targets.assertAlive();
        console.log(`  ${describe(measurement)}`);
        rounds.get(runner.target)!.push(measurement);
        await pause(500);
      }
    }
    for (const runner of runners) results.push(combineRounds(rounds.get(runner.target)!));
  }
  return results;
}

const gatewayRunner = (scenario: string, gateway: GatewayUnderTest, source: RequestSource): Runner => ({
  target: gateway.target,
  async run(connections, durationMs) {
    const before = groupCpuSeconds(gateway.groupId);
    const measurement = await runLoad(source, { scenario, target: gateway.target, connections, durationMs });
    const after = groupCpuSeconds(gateway.groupId);
    if (before === undefined || after === undefined || measurement.requests === 0) return measurement;
    return { ...measurement, cpuSeconds: after - before, cpuPerRequestMs: ((after - before) * 1000) / measurement.requests };
  },
});

/** A runner per gateway that can serve the scenario, each with the requests `source` makes for it. */
const gatewayRunners = (t: BenchTargets, scenario: string, source: (gateway: GatewayUnderTest) => RequestSource): Runner[] =>
  t.gateways.filter((g) => !t.cannotServe.get(scenario)?.has(g.target)).map((g) => gatewayRunner(scenario, g, source(g)));

const ours = (t: BenchTargets) => t.gateways.find((g) => g.target === "ours")!;

const directRunner = (scenario: string, plan: Parameters<typeof runDirect>[0]): Runner => ({
  target: "direct",
  run: (connections, durationMs) => runDirect(plan, { scenario, connections, durationMs }),
});

export function cartBenchmark(t: BenchTargets): Promise<Measurement[]> {
  const lines = t.settings.linesPerFullCart;
  return runMatrix(
    "cart",
    [
      ...gatewayRunners(t, "cart", (g) => cartSource(g.url, g.credential, t.identities, t.seeded, lines)),
      directRunner("cart", cartPlan(t.subgraphs, t.identities, t.seeded.fullCartUsers, lines)),
    ],
    t,
  );
}

/** Query 1 without pricing's fields: what the quote costs is the difference with `cart`. */
export function plainCartBenchmark(t: BenchTargets): Promise<Measurement[]> {
  const lines = t.settings.linesPerFullCart;
  return runMatrix(
    "cartPlain",
    [
      ...gatewayRunners(t, "cartPlain", (g) => cartSource(g.url, g.credential, t.identities, t.seeded, lines, "plain")),
      directRunner("cartPlain", plainCartPlan(t.subgraphs, t.identities, t.seeded.fullCartUsers, lines)),
    ],
    t,
  );
}

export function productsBenchmark(t: BenchTargets): Promise<Measurement[]> {
  return runMatrix(
    "products",
    [...gatewayRunners(t, "products", (g) => productsSource(g.url)), directRunner("products", productsPlan(t.subgraphs))],
    t,
  );
}

/** Runs before checkout: the users it adds lines for join the checkout pool. */
export async function addToCartBenchmark(t: BenchTargets, spread: AddToCartSpread): Promise<Measurement[]> {
  return runMatrix("addToCart", [gatewayRunner("addToCart", ours(t), addToCartSource(ours(t).url, t.identities, spread)), directRunner("addToCart", addToCartPlan(t.subgraphs, t.identities, spread))], t);
}

export function checkoutBenchmark(t: BenchTargets, pool: CheckoutPool): Promise<Measurement[]> {
  const { settings } = t;
  // Every run, warm-ups included, gets an equal share of the users not yet checked out.
  let runsLeft = settings.connections.length * (settings.rounds + (settings.warmupMs > 0 ? 1 : 0));
  const runner: Runner = {
    target: "ours",
    run(connections, durationMs) {
      const budget = Math.floor(pool.remaining / runsLeft--);
      if (budget < connections) {
        throw new Error(`checkout: ${pool.remaining} users with carts left, too few for ${connections} connections; raise BENCH_USERS`);
      }
      return gatewayRunner("checkout", ours(t), checkoutSource(ours(t).url, t.identities, pool, budget)).run(connections, durationMs);
    },
  };
  return runMatrix("checkout", [runner], t);
}

/** The read scenarios every gateway is asked to serve, each with its request source. */
const readSources = (t: BenchTargets, g: GatewayUnderTest): [string, RequestSource][] => {
  const lines = t.settings.linesPerFullCart;
  return [
    ["cart", cartSource(g.url, g.credential, t.identities, t.seeded, lines)],
    ["cartPlain", cartSource(g.url, g.credential, t.identities, t.seeded, lines, "plain")],
    ["products", productsSource(g.url)],
  ];
};

/**
 * One request of each kind through each target, judged in full, before any load: fails fast on a
 * broken setup. A peer that cannot serve a scenario (Hive's JavaScript runtime cannot plan
 * pricing's @requires through the catalog) is recorded and sits that scenario out; ours must serve all.
 */
export async function smokeTest(t: BenchTargets): Promise<void> {
  for (const gateway of t.gateways) {
    for (const [scenario, source] of readSources(t, gateway)) {
      const measurement = await runLoad({ ...source, judgeAll: true, maxRequests: () => 1 }, { scenario, target: gateway.target, connections: 1, durationMs: 10_000 });
      if (errorCount(measurement) === 0 && measurement.requests === 1) continue;
      const problem = measurement.samples.join("; ") || "no response";
      if (gateway.target === "ours") throw new Error(`smoke test failed: ${scenario} via ours: ${problem}`);
      if (!t.cannotServe.has(scenario)) t.cannotServe.set(scenario, new Map());
      t.cannotServe.get(scenario)!.set(gateway.target, problem);
    }
  }
  const lines = t.settings.linesPerFullCart;
  const agent = new Agent({ keepAlive: false });
  for (const [name, plan] of [
    ["cart direct", cartPlan(t.subgraphs, t.identities, t.seeded.fullCartUsers, lines)],
    ["plain cart direct", plainCartPlan(t.subgraphs, t.identities, t.seeded.fullCartUsers, lines)],
    ["products direct", productsPlan(t.subgraphs)],
  ] as const) {
    const response = await plan.execute(httpPoster(agent), 0);
    const problem = response.status === 200 ? judge(response.body, plan.check) : { message: `HTTP ${response.status}` };
    if (problem) throw new Error(`smoke test failed: ${name}: ${problem.message}`);
  }
}
