// The gateway is ready when it can serve the shop's core requests: the cart and the catalog answer
// their own readiness. Order and payment only degrade their own fields (the contract makes them
// nullable), so their outage shows in the report and the dependency gauge but keeps the gateway in
// the load balancer; otherwise one payment outage would take the whole API down with it.
import { readiness, type HealthReport, type ServiceMetrics } from "@trolley/http";
import type { SubgraphName } from "./subgraph-list.js";

const healthUrl = (graphqlUrl: string) => new URL("/health/ready", graphqlUrl).toString();

/** Subgraphs the gateway cannot be useful without. */
export const CORE_SUBGRAPHS: readonly SubgraphName[] = ["cart", "catalog"];

export function subgraphsReady(urls: Record<SubgraphName, string>, metrics?: ServiceMetrics, timeoutMs = 1000): () => Promise<HealthReport> {
  return readiness(
    (Object.entries(urls) as [SubgraphName, string][]).map(([name, url]) => ({
      name,
      required: CORE_SUBGRAPHS.includes(name),
      check: () => fetch(healthUrl(url), { signal: AbortSignal.timeout(timeoutMs) }).then((response) => response.ok),
    })),
    metrics,
  );
}
