// Load through a gateway: autocannon (programmatic API) at a fixed number of connections for a
// fixed time, one request in flight per connection. Every request is built on the spot by a
// RequestSource (the next user's token, a new idempotency key) and every response goes through its
// check: HTTP status, GraphQL errors and userErrors on all responses, the full shape on a sample
// of query responses and on every mutation response.
import autocannon from "autocannon";
import { judgeBody, type DataCheck } from "./operations.js";
import { Tally, type Measurement, type Target } from "./measurement.js";

export interface GraphQLRequest {
  headers: Record<string, string>;
  body: string;
}

export interface RequestSource {
  url: string;
  /** The next request; `context` travels with it to its response (one request per connection at a time). */
  next(context: Record<string, unknown>): GraphQLRequest | null;
  check: DataCheck;
  /** Judge every response fully (mutations) rather than a sample (queries). */
  judgeAll: boolean;
  /** Called for each response that passed its check. */
  onSuccess?(context: Record<string, unknown>): void;
  /** Most requests this run may send (a pool of one-shot users), if limited. */
  maxRequests?(): number | undefined;
}

export interface LoadOptions {
  scenario: string;
  target: Target;
  connections: number;
  durationMs: number;
}

/** Every 16th query response is parsed and checked in full; the rest by a substring test. */
const SAMPLE_EVERY = 16;

/** What a source that ran out of requests sends instead: cheap, and its response is not counted. */
const FILLER = { headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) };

export async function runLoad(source: RequestSource, options: LoadOptions): Promise<Measurement> {
  const tally = new Tally();
  let responses = 0;
  let fillers = 0;
  let lastResponseAt = 0;
  const limit = source.maxRequests?.();
  if (limit !== undefined && limit < options.connections) throw new Error(`${options.scenario}: only ${limit} requests left for ${options.connections} connections`);

  let instance: autocannon.Instance | undefined;
  const startedAt = Date.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: source.url,
        connections: options.connections,
        pipelining: 1,
        timeout: 30,
        // With a request limit autocannon ignores `duration`; the timer below still ends the run on time.
        ...(limit !== undefined ? { amount: limit } : { duration: options.durationMs / 1000 }),
        requests: [
          {
            method: "POST",
            path: new URL(source.url).pathname,
            setupRequest: (request, context) => {
              const ctx = context as Record<string, unknown>;
              const next = source.next(ctx);
              if (!next) {
                ctx.filler = true;
                instance?.stop();
              }
              return { ...request, ...(next ?? FILLER) };
            },
            onResponse: (status, body, context) => {
              const ctx = context as Record<string, unknown>;
              if (ctx.filler) return void fillers++;
              responses++;
              lastResponseAt = Date.now();
              if (status < 200 || status >= 300) return tally.sample(`HTTP ${status}: ${body.slice(0, 160)}`);
              const problem = judgeBody(body, source.check, source.judgeAll || responses % SAMPLE_EVERY === 1);
              if (problem) tally.record(problem);
              else source.onSuccess?.(ctx);
            },
          },
        ],
      },
      (error, value) => (error ? reject(error) : resolve(value)),
    );
    if (limit !== undefined) setTimeout(() => instance?.stop(), options.durationMs).unref();
  });

  const seconds = Math.max(0.001, ((lastResponseAt || Date.now()) - startedAt) / 1000);
  if (result.errors > 0) tally.sample(`socket: ${result.errors} connection errors (${result.timeouts} timeouts)`);
  return {
    scenario: options.scenario,
    target: options.target,
    connections: options.connections,
    requests: responses,
    seconds,
    rps: responses / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    socketErrors: result.errors,
    graphqlErrors: tally.counts.graphql,
    userErrors: tally.counts.userErrors,
    invalid: tally.counts.invalid,
    samples: tally.samples,
    ...(fillers || (limit !== undefined && responses >= limit) ? { note: `one-shot users for this run used up: stopped after ${responses} requests` } : {}),
  };
}
