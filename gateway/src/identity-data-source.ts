// How the gateway talks to a subgraph: it signs the caller's identity into a header only the
// gateway can produce (client headers are never forwarded), passes the request id on, and bounds
// each subgraph call by a timeout. An unreachable subgraph becomes SERVICE_UNAVAILABLE, without
// the hostnames and socket errors a client has no business seeing; the gateway's log (with the
// request id) and its metrics keep what the client is not shown.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { serviceUnavailable } from "@trolley/errors";
import type { Logger, ServiceMetrics } from "@trolley/http";
import { IDENTITY_HEADER, type Identity } from "@trolley/identity";
import { IdentitySignatures } from "./identity-signatures.js";
import { subgraphFetch } from "./subgraph-fetch.js";

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  /** The gateway's logger bound to the request id. */
  logger: Logger;
  /** The client's IP (see caller-key.ts). */
  clientAddress: string;
  /** Whom the request counts against: `user:<id>`, `guest:<id>` or `ip:<address>`. */
  callerKey: string;
  /** A live cart push: the query of a subscription the gateway already admitted (live-cart/). */
  liveCart?: boolean;
}

/** Latency and failures of the gateway's calls to the subgraphs, by subgraph. */
export function subgraphFetchMetrics(metrics: ServiceMetrics) {
  return {
    duration: metrics.histogram("trolley_subgraph_fetch_duration_seconds", "Time until a subgraph's response headers reach the gateway, by subgraph.", ["subgraph"]),
    failures: metrics.counter("trolley_subgraph_fetch_failures_total", "Subgraph calls without a usable answer, by subgraph and reason (timeout, unreachable, http_<status>).", [
      "subgraph",
      "reason",
    ]),
  };
}

export type SubgraphFetchMetrics = ReturnType<typeof subgraphFetchMetrics>;

export function identityDataSource(settings: { name: string; url: string; internalSecret: string; timeoutMs: number; metrics?: SubgraphFetchMetrics; signatures?: IdentitySignatures }) {
  const subgraph = settings.name;
  const signatures = settings.signatures ?? new IdentitySignatures(settings.internalSecret);
  return new RemoteGraphQLDataSource<GatewayContext>({
    url: settings.url,
    fetcher: async (input, init) => {
      const timer = settings.metrics?.duration.startTimer({ subgraph });
      try {
        const response = await subgraphFetch(input as string, init as Parameters<typeof subgraphFetch>[1], settings.timeoutMs);
        if (!response.ok) settings.metrics?.failures.inc({ subgraph, reason: `http_${response.status}` });
        return response as never;
      } catch (error) {
        settings.metrics?.failures.inc({ subgraph, reason: (error as Error).name === "TimeoutError" ? "timeout" : "unreachable" });
        // The cause is for the log only: a GraphQLError's response form never includes it.
        throw Object.assign(serviceUnavailable(settings.name), { cause: error });
      } finally {
        timer?.();
      }
    },
    // Called for a failed fetch, an error status or an unreadable body; the error goes on as before.
    didEncounterError(error, _fetchRequest, fetchResponse, context) {
      (context as Partial<GatewayContext> | undefined)?.logger?.warn("subgraph request failed", { subgraph, status: fetchResponse?.status, error });
      throw error;
    },
    willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
      for (const [name, value] of Object.entries(callerHeaders(context as Partial<GatewayContext>, signatures))) request.http!.headers.set(name, value);
    },
  });
}

/** What every subgraph call carries about its caller: the signed identity and the request id. */
function callerHeaders(context: Partial<GatewayContext>, signatures: IdentitySignatures): Record<string, string> {
  const headers: Record<string, string> = {};
  if (context.identity) headers[IDENTITY_HEADER] = signatures.headerFor(context.identity);
  if (context.requestId) headers["x-request-id"] = context.requestId;
  return headers;
}

/**
 * A query sent to a subgraph whose answer the gateway hands on as text (single-fetch/): the same
 * headers, timeout and metrics as the data source's calls. The answer's text when the subgraph
 * answered 200 with JSON, null otherwise (the caller then goes the data source's way).
 */
export function subgraphQuery(settings: { urls: Record<string, string>; timeoutMs: number; metrics?: SubgraphFetchMetrics; signatures: IdentitySignatures }) {
  return async (subgraph: string, body: string, context: GatewayContext): Promise<string | null> => {
    const url = settings.urls[subgraph];
    if (!url) return null;
    const timer = settings.metrics?.duration.startTimer({ subgraph });
    try {
      const headers = { "content-type": "application/json", ...callerHeaders(context, settings.signatures) };
      const response = await subgraphFetch(url, { method: "POST", headers, body }, settings.timeoutMs);
      if (!response.ok) {
        settings.metrics?.failures.inc({ subgraph, reason: `http_${response.status}` });
        return null;
      }
      if (!response.headers.get("content-type")?.startsWith("application/json")) return null;
      return await response.text();
    } catch (error) {
      settings.metrics?.failures.inc({ subgraph, reason: (error as Error).name === "TimeoutError" ? "timeout" : "unreachable" });
      return null;
    } finally {
      timer?.();
    }
  };
}
