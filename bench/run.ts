// `pnpm bench`: the whole benchmark in one command. Creates and seeds the trolley_bench database,
// starts our six subgraphs and gateway and Hive Gateway twice (its JavaScript runtime and its Rust
// query planner) as processes, loads them (query 1 and the product listing through every gateway
// and direct, addToCart and checkout through ours), profiles our gateway where it fell short,
// soaks it, prints the figures and writes bench/RESULTS.md. Whatever happens (failure, Ctrl-C),
// it stops every process it started, drops the database and empties its Redis database.
// Settings: bench/settings.ts (BENCH_DURATION, BENCH_CONNECTIONS, BENCH_SOAK, ...).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createBenchDatabase, dropBenchDatabase, flushBenchRedis } from "./database.js";
import { startHive } from "./hive.js";
import { Identities } from "./identities.js";
import type { Measurement } from "./measurement.js";
import { readGatewayMemory } from "./memory.js";
import { ProcessGroup, tail } from "./processes.js";
import { profileOurGateway, type GatewayProfile } from "./profile.js";
import { printTable, writeResults } from "./report.js";
import { seedCarts } from "./seed-carts.js";
import { addToCartBenchmark, cartBenchmark, checkoutBenchmark, plainCartBenchmark, productsBenchmark, smokeTest, type BenchTargets } from "./scenarios.js";
import { cartSource, productsSource } from "./sources.js";
import { readBenchSettings } from "./settings.js";
import { soak, type SoakResult } from "./soak.js";
import { AddToCartSpread, CheckoutPool, selectPickup } from "./sources.js";
import { metricsUrlOf, repoRoot, startOurStack, subgraphUrls } from "./stack.js";
import { writeBenchSupergraph } from "./supergraph.js";
import { judgeTargets, shortfalls } from "./targets.js";

const settings = readBenchSettings();
const startedAt = new Date();
const loadBefore = loadavg();
const workDir = mkdtempSync(join(tmpdir(), "trolley-bench-"));
const group = new ProcessGroup(workDir, repoRoot);
let failed = false;
let interrupted = false;

let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await group.stopAll();
    await dropBenchDatabase(settings).catch((error) => console.error(`could not drop ${settings.databaseName}: ${(error as Error).message}`));
    await flushBenchRedis(settings).catch(() => {});
    if (failed) console.error(`process logs kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  })());

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping everything`);
    failed = true;
    interrupted = true;
    void cleanup().finally(() => process.exit(code));
  });
}

async function step<T>(title: string, work: () => Promise<T>): Promise<T> {
  const began = Date.now();
  process.stdout.write(`${title} ... `);
  const value = await work();
  console.log(`done (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  return value;
}

async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once("error", () => reject(new Error(`port ${port} is in use; set BENCH_PORT_BASE to use other ports`)));
      server.listen(port, "0.0.0.0", () => server.close(() => resolve()));
    });
  }
}

const versionOf = (path: string) => {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, path), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
};

const hiveLines = (hive: { version: string; args: string[] }, runtime?: string) => [
  `@graphql-hive/gateway ${hive.version}${runtime ? ` with ${runtime}` : ""}: \`${hive.args.join(" ").replace(/\S*supergraph[^ ]*\.graphql/, "<bench supergraph>").replace(repoRoot, "")}\``,
  `${settings.hiveFork} workers (Node cluster, the documented --fork option), NODE_ENV=production, logging warn, same supergraph file`,
  "clients send a pre-signed x-trolley-identity header, propagated to every subgraph (propagateHeaders.fromClientToSubgraphs); no token verification",
];

try {
  await assertPortsFree(Object.values(settings.ports));
  await step(`database ${settings.databaseName} (create, migrate, seed catalog)`, () => createBenchDatabase(settings));
  await flushBenchRedis(settings);
  const seeded = await step(`carts of ${settings.users} users`, () => seedCarts(settings));
  const supergraph = writeBenchSupergraph(join(repoRoot, "gateway/supergraph.graphql"), subgraphUrls(settings), workDir);
  // What production runs: the compiled processes, built from the sources as they are now.
  await step("compiled build (pnpm build)", async () => void execFileSync(process.execPath, [join(repoRoot, "scripts/build.mjs")], { cwd: repoRoot, stdio: "pipe" }));
  const ours = await step("subgraphs and our gateway", () => startOurStack(group, settings, supergraph));
  const hiveRust = await step(`Hive Gateway with its Rust query planner (--fork ${settings.hiveFork})`, () => startHive(group, settings, supergraph, "rust"));
  const hive = await step(`Hive Gateway with its JavaScript runtime (--fork ${settings.hiveFork})`, () => startHive(group, settings, supergraph, "javascript"));
  const identities = await step("tokens", () => Identities.create(settings.users, settings.secrets));
  const gatewayMemory = await readGatewayMemory(ours.gateway, metricsUrlOf(ours.gatewayUrl));

  const targets: BenchTargets = {
    settings,
    seeded,
    identities,
    gateways: [
      { target: "ours", url: ours.gatewayUrl, credential: "ours", groupId: ours.gateway.pid },
      { target: "hiveRust", url: hiveRust.url, credential: "hive", groupId: hiveRust.service.pid },
      { target: "hive", url: hive.url, credential: "hive", groupId: hive.service.pid },
    ],
    cannotServe: new Map(),
    subgraphs: subgraphUrls(settings),
    assertAlive() {
      if (interrupted) throw new Error("interrupted");
      const dead = group.dead();
      if (dead) throw new Error(`${dead.name} died during the benchmark:\n${tail(dead.logPath)}`);
    },
  };
  await step("smoke test (one request per target)", () => smokeTest(targets));

  const measurements: Measurement[] = [];
  const selected = (name: (typeof settings.scenarios)[number]) => settings.scenarios.includes(name);
  if (selected("cart")) {
    console.log("\nquery 1 (cart with 20 lines):");
    measurements.push(...(await cartBenchmark(targets)));
  }
  if (selected("cartPlain")) {
    console.log("\nquery 1 without the quote (cart with 20 lines, products only):");
    measurements.push(...(await plainCartBenchmark(targets)));
  }
  if (selected("products")) {
    console.log("\nproduct listing:");
    measurements.push(...(await productsBenchmark(targets)));
  }
  // Before the mutations change the carts the read scenarios expect.
  let profiles: GatewayProfile[] = [];
  const profilesDir = join(repoRoot, "bench/profiles");
  mkdirSync(profilesDir, { recursive: true });
  const short = shortfalls(judgeTargets(measurements, settings.connections, undefined));
  if (settings.profileMs > 0 && short.length) {
    const lines = settings.linesPerFullCart;
    const sources = { cart: (url: string) => cartSource(url, "ours", identities, seeded, lines), products: (url: string) => productsSource(url) };
    const wanted = short.filter((s): s is keyof typeof sources => s in sources).map((scenario) => ({ scenario, source: sources[scenario] }));
    profiles = await step(`profile of our gateway (${wanted.map((w) => w.scenario).join(", ")})`, () => profileOurGateway(group, settings, ours.env, wanted, profilesDir));
  }
  let soakResult: SoakResult | undefined;
  if (settings.soakMs > 0) {
    console.log(`\nsoak: query 1 on our gateway, ${settings.soakConnections} connections, ${settings.soakMs / 1000} s after a warm-up`);
    soakResult = await soak(settings, ours.gateway, ours.gatewayUrl, identities, seeded);
    targets.assertAlive();
  }
  // Mutations last: they change the carts the queries above read.
  const spread = new AddToCartSpread(settings.users, seeded.productIds);
  if (selected("addToCart")) {
    console.log("\naddToCart:");
    measurements.push(...(await addToCartBenchmark(targets, spread)));
  }
  if (selected("checkout")) {
    const pool = new CheckoutPool([...seeded.usersWithLines, ...spread.usersAddedTo]);
    // Checkout needs a shipping selection: every candidate's cart selects collect in store first.
    await step(`shipping selection (collect in store) for ${pool.remaining} checkout candidates`, () => selectPickup(ours.gatewayUrl, identities, pool.untaken));
    console.log("\ncheckout:");
    measurements.push(...(await checkoutBenchmark(targets, pool)));
  }

  const report = {
    startedAt,
    finishedAt: new Date(),
    loadBefore,
    settings,
    seeded,
    cannotServe: targets.cannotServe,
    profiles,
    gateways: {
      ours: [
        `Apollo Gateway ${versionOf("gateway/node_modules/@apollo/gateway/package.json")} in Apollo Server ${versionOf("gateway/node_modules/@apollo/server/package.json")}: \`node --import tsx gateway/src/main.ts\` (plus the bench's heap probe and --expose-gc)`,
        `PROCESSES=${settings.gatewayProcesses} (node:cluster workers sharing the port, plus their supervisor); subgraphs PROCESSES=${settings.subgraphProcesses}; gateway Node processes running: ${gatewayMemory.processes}`,
        "NODE_ENV=production, LOG_LEVEL=warn, SANDBOX=off, RATE_LIMIT_PER_MINUTE=0, static supergraph (the committed file, subgraph URLs moved to the bench ports)",
        "clients send a bearer JWT (HS256), verified per request; identity signed into x-trolley-identity per subgraph call",
      ],
      hiveRust: hiveLines(hiveRust, `@graphql-hive/router-runtime ${versionOf("node_modules/@graphql-hive/router-runtime/package.json")}`),
      hive: hiveLines(hive),
    },
    measurements,
    soak: soakResult,
    verdicts: judgeTargets(measurements, settings.connections, soakResult),
  };
  printTable(report);
  writeResults(report);
  console.log(`\nwrote ${settings.resultsPath}`);
} catch (error) {
  failed = true;
  console.error(`\nbenchmark failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
// Keep-alive agents and autocannon's timers must not hold the process once everything is stopped.
process.exit(process.exitCode ?? 0);
