// The benchmark's settings: the only reader of process.env in bench/. Every knob has a default
// that makes `pnpm bench` the full run; the short verification run overrides a few of them.
import { randomBytes } from "node:crypto";
import { parseDuration } from "@trolley/config";

export type ScenarioName = "cart" | "cartPlain" | "products" | "addToCart" | "checkout";
export const allScenarios: readonly ScenarioName[] = ["cart", "cartPlain", "products", "addToCart", "checkout"];

export interface BenchSettings {
  durationMs: number;
  warmupMs: number;
  connections: number[];
  /** Rounds per connection count, the gateways taking turns at going first; figures are the median of the rounds, with their spread. */
  rounds: number;
  /** How long our gateway is profiled (node --cpu-prof) on each scenario where a target was not met; 0: no profile. */
  profileMs: number;
  soakMs: number;
  soakConnections: number;
  scenarios: ScenarioName[];
  users: number;
  /** Users 0..fullCartUsers-1 own the 20-line carts that query 1 reads. */
  fullCartUsers: number;
  linesPerFullCart: number;
  databaseServer: string;
  databaseName: string;
  redisUrl: string;
  ports: { gateway: number; catalog: number; cart: number; order: number; payment: number; hive: number; pricing: number; shipping: number; hiveRust: number; profiled: number };
  /** Our gateway's worker processes (its PROCESSES setting); 2 matches Hive Gateway's --fork 2 on two cores. */
  gatewayProcesses: number;
  /** Each subgraph's worker processes (shared by both gateways). */
  subgraphProcesses: number;
  /** Workers of each Hive Gateway (its --fork); both of Hive's runtimes are measured: the default JavaScript one and the Rust query planner. */
  hiveFork: number;
  secrets: { INTERNAL_SECRET: string; JWT_SECRET: string; PAYMENT_WEBHOOK_SECRET: string };
  resultsPath: string;
}

function duration(name: string, text: string): number {
  if (text.trim() === "0") return 0;
  const ms = parseDuration(text);
  if (ms === null) throw new Error(`${name}: "${text}" is not a duration such as 10s or 5m`);
  return ms;
}

function integer(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name}: "${text}" must be an integer >= ${min}`);
  return value;
}

/** A secret the production config accepts: long enough, never a dev- default, new every run. */
const secret = (purpose: string) => `bench-${purpose}-${randomBytes(18).toString("base64url")}`;

export function readBenchSettings(env: Record<string, string | undefined> = process.env): BenchSettings {
  const get = (name: string, fallback: string) => (env[name] === undefined || env[name] === "" ? fallback : env[name]!);
  const durationMs = duration("BENCH_DURATION", get("BENCH_DURATION", "10s"));
  if (durationMs < 1000) throw new Error("BENCH_DURATION must be at least 1s");
  const connections = get("BENCH_CONNECTIONS", "16,64,256")
    .split(",")
    .map((c) => integer("BENCH_CONNECTIONS", c.trim(), 1));
  const scenarios = get("BENCH_SCENARIOS", allScenarios.join(",")).split(",").map((s) => s.trim()) as ScenarioName[];
  for (const s of scenarios) if (!allScenarios.includes(s)) throw new Error(`BENCH_SCENARIOS: unknown scenario "${s}" (${allScenarios.join(", ")})`);
  const users = integer("BENCH_USERS", get("BENCH_USERS", "10000"), 100);
  const base = integer("BENCH_PORT_BASE", get("BENCH_PORT_BASE", "5000"), 1024);
  return {
    durationMs,
    warmupMs: Math.min(duration("BENCH_WARMUP", get("BENCH_WARMUP", "3s")), durationMs),
    connections,
    rounds: integer("BENCH_ROUNDS", get("BENCH_ROUNDS", "5"), 1),
    profileMs: duration("BENCH_PROFILE", get("BENCH_PROFILE", "10s")),
    soakMs: duration("BENCH_SOAK", get("BENCH_SOAK", "5m")),
    soakConnections: integer("BENCH_SOAK_CONNECTIONS", get("BENCH_SOAK_CONNECTIONS", "64"), 1),
    scenarios,
    users,
    fullCartUsers: Math.min(integer("BENCH_FULL_CART_USERS", get("BENCH_FULL_CART_USERS", "2000"), 1), Math.floor(users / 2)),
    linesPerFullCart: 20,
    databaseServer: get("BENCH_DATABASE_SERVER", "postgresql://postgres@127.0.0.1:5432/postgres"),
    databaseName: get("BENCH_DATABASE", "trolley_bench"),
    // A Redis database of its own: tests use 1-4 (one per worker), `pnpm start` uses 0.
    redisUrl: get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"),
    ports: { gateway: base, catalog: base + 1, cart: base + 2, order: base + 3, payment: base + 4, hive: base + 5, pricing: base + 6, shipping: base + 7, hiveRust: base + 8, profiled: base + 9 },
    gatewayProcesses: integer("GATEWAY_PROCESSES", get("GATEWAY_PROCESSES", "2"), 1),
    subgraphProcesses: integer("SUBGRAPH_PROCESSES", get("SUBGRAPH_PROCESSES", "1"), 1),
    hiveFork: integer("BENCH_HIVE_FORK", get("BENCH_HIVE_FORK", "2"), 1),
    secrets: { INTERNAL_SECRET: secret("internal"), JWT_SECRET: secret("jwt"), PAYMENT_WEBHOOK_SECRET: secret("webhook") },
    resultsPath: get("BENCH_RESULTS", "bench/RESULTS.md"),
  };
}

export function databaseUrl(settings: BenchSettings, name = settings.databaseName): string {
  const url = new URL(settings.databaseServer);
  url.pathname = `/${name}`;
  return url.toString();
}
