// How the gateway talks to a subgraph: it signs the caller's identity into a header only the
// gateway can produce (client headers are never forwarded), passes the request id on, and bounds
// each subgraph call by a timeout. An unreachable subgraph becomes SERVICE_UNAVAILABLE, without
// the hostnames and socket errors a client has no business seeing; the gateway's log (with the
// request id) and its metrics keep what the client is not shown.
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { serviceUnavailable } from "@trolley/errors";
import type { Logger, ServiceMetrics } from "@trolley/http";
import { IDENTITY_HEADER, signIdentity, type Identity } from "@trolley/identity";
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

export function identityDataSource(settings: { name: string; url: string; internalSecret: string; timeoutMs: number; metrics?: SubgraphFetchMetrics }) {
  const subgraph = settings.name;
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
      const identity = (context as Partial<GatewayContext>).identity;
      if (identity) request.http!.headers.set(IDENTITY_HEADER, signIdentity(identity, settings.internalSecret));
      const requestId = (context as Partial<GatewayContext>).requestId;
      if (requestId) request.http!.headers.set("x-request-id", requestId);
    },
  });
}
