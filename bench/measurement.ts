// What one load run measured, whichever way it was driven (autocannon against a gateway, or the
// direct client loop), and the tally of its failed responses.
import type { Problem, ProblemKind } from "./operations.js";

/** Our gateway, Hive Gateway with its JavaScript runtime, Hive Gateway with its Rust query planner, or no gateway. */
export type Target = "ours" | "hive" | "hiveRust" | "direct";
export const gatewayTargets = ["ours", "hive", "hiveRust"] as const;
export type GatewayTarget = (typeof gatewayTargets)[number];

/** One round's figures, kept beside a combined measurement's medians for its spread and paired ratios. */
export interface RoundFigures {
  rps: number;
  p50: number;
  p99: number;
  /** Gateway CPU milliseconds per request served (every process of the gateway counted); none for direct. */
  cpuPerRequestMs?: number;
}

export interface Measurement {
  scenario: string;
  target: Target;
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** HTTP status other than 2xx. */
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  graphqlErrors: number;
  userErrors: number;
  invalid: number;
  /** A few of the failures, to tell what went wrong. */
  samples: string[];
  note?: string;
  /** CPU seconds the gateway's processes used during the run (user + system). */
  cpuSeconds?: number;
  cpuPerRequestMs?: number;
  /** The rounds this measurement is the median of (one entry for a single run). */
  rounds?: RoundFigures[];
}

export const errorCount = (m: Pick<Measurement, "non2xx" | "socketErrors" | "graphqlErrors" | "userErrors" | "invalid">) =>
  m.non2xx + m.socketErrors + m.graphqlErrors + m.userErrors + m.invalid;

const MAX_SAMPLES = 5;

export class Tally {
  readonly counts: Record<ProblemKind, number> = { graphql: 0, userErrors: 0, invalid: 0 };
  readonly samples: string[] = [];

  record(problem: Problem): void {
    this.counts[problem.kind]++;
    this.sample(`${problem.kind}: ${problem.message}`);
  }

  sample(text: string): void {
    if (this.samples.length < MAX_SAMPLES && !this.samples.includes(text)) this.samples.push(text);
  }
}

/** Percentile of sorted values (nearest rank), as HDR histograms report it. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const figuresOf = (m: Measurement): RoundFigures => ({ rps: m.rps, p50: m.p50, p99: m.p99, ...(m.cpuPerRequestMs !== undefined ? { cpuPerRequestMs: m.cpuPerRequestMs } : {}) });

/** The lowest and highest of a figure over the rounds. */
export function spread(m: Measurement, figure: keyof RoundFigures): [number, number] | undefined {
  const values = (m.rounds ?? [figuresOf(m)]).map((r) => r[figure]).filter((v): v is number => v !== undefined);
  return values.length ? [Math.min(...values), Math.max(...values)] : undefined;
}

/**
 * A ratio of two targets' figure, round by round (round i of one against round i of the other:
 * they ran side by side, under the same load on the machine): its median and its spread.
 */
export function pairedRatio(a: Measurement, b: Measurement, figure: keyof RoundFigures): { median: number; low: number; high: number } | undefined {
  const ra = a.rounds ?? [figuresOf(a)];
  const rb = b.rounds ?? [figuresOf(b)];
  const ratios = ra.flatMap((round, i) => {
    const x = round[figure];
    const y = rb[i]?.[figure];
    return x === undefined || y === undefined || y === 0 ? [] : [x / y];
  });
  if (ratios.length === 0) return undefined;
  return { median: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios) };
}

/** One figure for several rounds of the same run: medians of the rates and latencies, sums of the counts. */
export function combineRounds(rounds: Measurement[]): Measurement {
  if (rounds.length === 1) return { ...rounds[0], rounds: [figuresOf(rounds[0])] };
  const sum = (key: "requests" | "non2xx" | "socketErrors" | "graphqlErrors" | "userErrors" | "invalid") => rounds.reduce((total, m) => total + m[key], 0);
  return {
    ...rounds[0],
    requests: sum("requests"),
    seconds: rounds.reduce((total, m) => total + m.seconds, 0),
    rps: median(rounds.map((m) => m.rps)),
    p50: median(rounds.map((m) => m.p50)),
    p99: median(rounds.map((m) => m.p99)),
    non2xx: sum("non2xx"),
    socketErrors: sum("socketErrors"),
    graphqlErrors: sum("graphqlErrors"),
    userErrors: sum("userErrors"),
    invalid: sum("invalid"),
    samples: [...new Set(rounds.flatMap((m) => m.samples))].slice(0, MAX_SAMPLES),
    note: [...new Set(rounds.map((m) => m.note).filter(Boolean))].join("; ") || undefined,
    ...(rounds.every((m) => m.cpuSeconds !== undefined)
      ? { cpuSeconds: rounds.reduce((total, m) => total + m.cpuSeconds!, 0), cpuPerRequestMs: median(rounds.map((m) => m.cpuPerRequestMs!)) }
      : {}),
    rounds: rounds.map(figuresOf),
  };
}
