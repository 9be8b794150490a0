// The benchmarks and the order they run in. Each is measured at every connection count; at each
// count every target is warmed up first (figures discarded), then the gateways run one after the
// other, alternating which goes first, and the direct run follows.
import { Agent } from "node:http";
import { addToCartPlan, cartPlan, plainCartPlan, productsPlan } from "./direct-plans.js";
import { httpPoster, runDirect } from "./direct.js";
import type { Identities } from "./identities.js";
import { runLoad } from "./load.js";
import { judge } from "./operations.js";
import { combineRounds, errorCount, type Measurement, type Target } from "./measurement.js";
import type { SeededCarts } from "./seed-carts.js";
import type { BenchSettings } from "./settings.js";
import { AddToCartSpread, addToCartSource, cartSource, CheckoutPool, checkoutSource, productsSource } from "./sources.js";
import type { SubgraphUrls } from "./supergraph.js";

export interface BenchTargets {
  settings: BenchSettings;
  seeded: SeededCarts;
  identities: Identities;
  ourUrl: string;
  hiveUrl: string;
  subgraphs: SubgraphUrls;
  /** Throws if a process of the stack died; checked after every run. */
  assertAlive(): void;
}

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
  `${m.scenario.padEnd(9)} ${m.target.padEnd(6)} c=${String(m.connections).padEnd(4)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1).padStart(7)} ms  p99 ${m.p99.toFixed(1).padStart(7)} ms  errors ${errorCount(m)}${m.samples.length ? `  (${m.samples[0]})` : ""}`;

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
      const gateways = runners.filter((r) => r.target !== "direct");
      if ((index + round) % 2 === 1) gateways.reverse();
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

const gatewayRunner = (scenario: string, target: "ours" | "hive", source: Parameters<typeof runLoad>[0]): Runner => ({
  target,
  run: (connections, durationMs) => runLoad(source, { scenario, target, connections, durationMs }),
});

const directRunner = (scenario: string, plan: Parameters<typeof runDirect>[0]): Runner => ({
  target: "direct",
  run: (connections, durationMs) => runDirect(plan, { scenario, connections, durationMs }),
});

export function cartBenchmark(t: BenchTargets): Promise<Measurement[]> {
  const lines = t.settings.linesPerFullCart;
  return runMatrix(
    "cart",
    [
      gatewayRunner("cart", "ours", cartSource(t.ourUrl, "ours", t.identities, t.seeded, lines)),
      gatewayRunner("cart", "hive", cartSource(t.hiveUrl, "hive", t.identities, t.seeded, lines)),
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
      gatewayRunner("cartPlain", "ours", cartSource(t.ourUrl, "ours", t.identities, t.seeded, lines, "plain")),
      gatewayRunner("cartPlain", "hive", cartSource(t.hiveUrl, "hive", t.identities, t.seeded, lines, "plain")),
      directRunner("cartPlain", plainCartPlan(t.subgraphs, t.identities, t.seeded.fullCartUsers, lines)),
    ],
    t,
  );
}

export function productsBenchmark(t: BenchTargets): Promise<Measurement[]> {
  return runMatrix(
    "products",
    [gatewayRunner("products", "ours", productsSource(t.ourUrl)), gatewayRunner("products", "hive", productsSource(t.hiveUrl)), directRunner("products", productsPlan(t.subgraphs))],
    t,
  );
}

/** Runs before checkout: the users it adds lines for join the checkout pool. */
export async function addToCartBenchmark(t: BenchTargets, spread: AddToCartSpread): Promise<Measurement[]> {
  return runMatrix("addToCart", [gatewayRunner("addToCart", "ours", addToCartSource(t.ourUrl, t.identities, spread)), directRunner("addToCart", addToCartPlan(t.subgraphs, t.identities, spread))], t);
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
      return runLoad(checkoutSource(t.ourUrl, t.identities, pool, budget), { scenario: "checkout", target: "ours", connections, durationMs });
    },
  };
  return runMatrix("checkout", [runner], t);
}

/** One request of each kind through each target, judged in full, before any load: fails fast on a broken setup. */
export async function smokeTest(t: BenchTargets): Promise<void> {
  const lines = t.settings.linesPerFullCart;
  const sources = [
    ["cart via ours", cartSource(t.ourUrl, "ours", t.identities, t.seeded, lines)],
    ["cart via Hive", cartSource(t.hiveUrl, "hive", t.identities, t.seeded, lines)],
    ["plain cart via ours", cartSource(t.ourUrl, "ours", t.identities, t.seeded, lines, "plain")],
    ["plain cart via Hive", cartSource(t.hiveUrl, "hive", t.identities, t.seeded, lines, "plain")],
    ["products via ours", productsSource(t.ourUrl)],
    ["products via Hive", productsSource(t.hiveUrl)],
  ] as const;
  for (const [name, source] of sources) {
    const measurement = await runLoad({ ...source, judgeAll: true, maxRequests: () => 1 }, { scenario: name, target: "ours", connections: 1, durationMs: 10_000 });
    if (errorCount(measurement) > 0 || measurement.requests !== 1) throw new Error(`smoke test failed: ${name}: ${measurement.samples.join("; ") || "no response"}`);
  }
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
