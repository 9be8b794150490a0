// An unavailable subgraph is one fact, however many fetches of the query plan it failed: the
// response carries one SERVICE_UNAVAILABLE error per service (the first, with its path), so a
// client counts outages, not plan steps, and the answer does not grow with the plan's size.
import type { ApolloServerPlugin } from "@apollo/server";
import type { GraphQLFormattedError } from "graphql";

export function oneErrorPerUnavailableService<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single" || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = firstPerUnavailableService(response.body.singleResult.errors);
        },
      };
    },
  };
}

export function firstPerUnavailableService(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const seen = new Set<unknown>();
  return errors.filter((error) => {
    if (error.extensions?.code !== "SERVICE_UNAVAILABLE" || error.extensions.service === undefined) return true;
    if (seen.has(error.extensions.service)) return false;
    seen.add(error.extensions.service);
    return true;
  });
}
