// The answer to a query one subgraph answers whole (single-fetch-plans.ts), handed on as the
// subgraph wrote it: after Apollo Server's parsing, validation, limits and the rate limit, like any
// request, but instead of the gateway's execution (which would parse the subgraph's JSON, shape it
// into the same data and serialize it again) one call to that subgraph whose data goes to the
// client as it came. Only over HTTP (a live cart push reads the data it asked for), only for
// queries, and only for an answer of data alone: anything else (errors, a failed call) goes the
// gateway's way, which calls again and answers as it always does. A query may be sent twice;
// a mutation never is.
import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../identity-data-source.js";
import type { SingleFetchPlans } from "./single-fetch-plans.js";
import { dataOnly, SubgraphJson } from "./subgraph-json.js";

/** Sends a request body to a subgraph for the caller in `context`: the answer's text, or null when it is not a 200. */
export type SubgraphQuery = (serviceName: string, body: string, context: GatewayContext) => Promise<string | null>;

export function singleFetchAnswers(plans: SingleFetchPlans, query: SubgraphQuery, onAnswered: () => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          if (requestContext.contextValue.liveCart || !requestContext.request.http) return null;
          const fetch = plans.lookup(requestContext);
          if (!fetch) return null;
          const given = requestContext.request.variables ?? {};
          const variables: Record<string, unknown> = {};
          for (const name of fetch.variableUsages) if (given[name] !== undefined) variables[name] = given[name];
          const body = JSON.stringify({ query: fetch.operation, variables, operationName: fetch.operationName });
          const text = await query(fetch.serviceName, body, requestContext.contextValue).catch(() => null);
          const data = text === null ? null : dataOnly(text);
          if (data === null) return null;
          onAnswered();
          return { http: requestContext.response.http, body: { kind: "single", singleResult: { data: new SubgraphJson(data) as never } } };
        },
      };
    },
  };
}
