// The gateway is ready when every subgraph it routes to says it is ready: a gateway whose
// subgraphs are down would only answer errors, so it should not take traffic.
import type { SubgraphName } from "./subgraph-list.js";

const healthUrl = (graphqlUrl: string) => new URL("/health/ready", graphqlUrl).toString();

export function subgraphsReady(urls: Record<SubgraphName, string>, timeoutMs = 1000): () => Promise<boolean> {
  return async () => {
    const answers = await Promise.all(
      Object.values(urls).map((url) => fetch(healthUrl(url), { signal: AbortSignal.timeout(timeoutMs) }).then((r) => r.ok, () => false)),
    );
    return answers.every(Boolean);
  };
}
