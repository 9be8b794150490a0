// One subgraph-to-subgraph GraphQL call: signed identity, timeout, and a typed failure. Any
// failure to get an answer is SubgraphUnavailable, so each caller can refuse with its own
// retryable code and change nothing.
import { IDENTITY_HEADER, signIdentity, type Identity } from "@trolley/identity";

export class SubgraphUnavailable extends Error {
  constructor(readonly service: string, reason: string) {
    super(`${service} unavailable: ${reason}`);
    this.name = "SubgraphUnavailable";
  }
}

export interface SubgraphEndpoint {
  service: string;
  url: string;
  timeoutMs: number;
  internalSecret: string;
}

export async function callSubgraph<T>(endpoint: SubgraphEndpoint, identity: Identity, query: string, variables: Record<string, unknown>): Promise<T> {
  let body: { data?: T; errors?: { message: string }[] };
  try {
    const response = await fetch(endpoint.url, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: signIdentity(identity, endpoint.internalSecret) },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
    });
    if (!response.ok) throw new SubgraphUnavailable(endpoint.service, `HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    if (error instanceof SubgraphUnavailable) throw error;
    throw new SubgraphUnavailable(endpoint.service, (error as Error).message);
  }
  if (body.errors?.length || !body.data) throw new SubgraphUnavailable(endpoint.service, body.errors?.[0]?.message ?? "no data");
  return body.data;
}
