// Identical queries in flight at the same moment share one subgraph call: while a query is on its
// way to a subgraph, the same text with the same variables for the same caller waits for that
// answer instead of sending its own. The product listing that every visitor opens is the case
// that counts: under load most of its requests find one already underway. Only the single-fetch
// answers use it, so only queries (a read gives every caller waiting on it the answer it would have
// got on its own at that moment), and only for one caller at a time: the identity is part of the
// key, so nobody is answered with another caller's data. A shared call carries the request id of
// the request that sent it.
import type { GatewayContext } from "../identity-data-source.js";
import type { SubgraphQuery } from "./single-fetch-answers.js";

export function sharedInFlight(query: SubgraphQuery, onShared: () => void = () => {}): SubgraphQuery {
  const inFlight = new Map<string, Promise<string | null>>();
  return (serviceName: string, body: string, context: GatewayContext) => {
    const key = `${serviceName}\n${JSON.stringify(context.identity ?? null)}\n${body}`;
    const underway = inFlight.get(key);
    if (underway) {
      onShared();
      return underway;
    }
    const answer = query(serviceName, body, context).finally(() => inFlight.delete(key));
    inFlight.set(key, answer);
    return answer;
  };
}
