// "Direct": the floor a gateway is measured against. The same data is fetched with exactly the
// subgraph calls the gateway's query plan makes (for query 1: the cart fetch, then the catalog's
// three `_entities` fetches in parallel), sent by the bench itself with signed identity headers.
// A custom client loop, not autocannon: `connections` workers each run the whole sequence again
// and again until the time is up, and one sequence is one request in the figures (its latency is
// from the first call's start to the last call's end). Calls use node:http with keep-alive.
import { Agent, request } from "node:http";
import { judge, type DataCheck } from "./operations.js";
import { percentile, Tally, type Measurement } from "./measurement.js";

export interface SubgraphResponse {
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

export type Post = (url: string, body: unknown, headers?: Record<string, string>) => Promise<SubgraphResponse>;

export interface DirectPlan {
  /** Runs one client request's worth of subgraph calls and answers what a gateway would have. */
  execute(post: Post, iteration: number): Promise<SubgraphResponse>;
  check: DataCheck;
}

export function httpPoster(agent: Agent): Post {
  return (url, body, headers = {}) =>
    new Promise((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body));
      const req = request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": payload.length, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
          } catch (error) {
            reject(error);
          }
        });
        res.on("error", reject);
      });
      req.setTimeout(30_000, () => req.destroy(new Error("timed out")));
      req.on("error", reject);
      req.end(payload);
    });
}

export async function runDirect(plan: DirectPlan, options: { scenario: string; connections: number; durationMs: number }): Promise<Measurement> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const post = httpPoster(agent);
  const tally = new Tally();
  const latencies: number[] = [];
  let iteration = 0;
  let non2xx = 0;
  let socketErrors = 0;
  const startedAt = performance.now();
  const deadline = startedAt + options.durationMs;

  const worker = async () => {
    while (performance.now() < deadline) {
      const began = performance.now();
      try {
        const response = await plan.execute(post, iteration++);
        latencies.push(performance.now() - began);
        if (response.status < 200 || response.status >= 300) {
          non2xx++;
          tally.sample(`HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 160)}`);
          continue;
        }
        const problem = judge(response.body, plan.check);
        if (problem) tally.record(problem);
      } catch (error) {
        socketErrors++;
        tally.sample(`socket: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - startedAt) / 1000;
  agent.destroy();

  const sorted = Float64Array.from(latencies).sort();
  const requests = latencies.length + socketErrors;
  return {
    scenario: options.scenario,
    target: "direct",
    connections: options.connections,
    requests,
    seconds,
    rps: requests / seconds,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    non2xx,
    socketErrors,
    graphqlErrors: tally.counts.graphql,
    userErrors: tally.counts.userErrors,
    invalid: tally.counts.invalid,
    samples: tally.samples,
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
