// Checks that look at a request before its query text is parsed: the text's length, and in
// safelist mode whether the operation is registered at all. A check may also complete the request
// (the safelist turns a registered id into its text).
//
// Apollo Server has no hook that can refuse a request at that point: an error thrown from
// `requestDidStart` is answered as a 500 and logged as a crash. So a refused request's text is
// never parsed: a one-field placeholder takes its place, and the refusal is raised from
// `didResolveOperation`, the first hook whose errors Apollo answers as they are (code, status).
import type { ApolloServerPlugin, GraphQLRequest } from "@apollo/server";
import type { GraphQLError } from "graphql";

/** Returns the refusal, or nothing to let the request on; `context` is the request's context value. */
export type BeforeParsing = (request: GraphQLRequest, context?: unknown) => GraphQLError | undefined;

const PLACEHOLDER = "{ __typename }";

export function refuseBeforeParsing(checks: BeforeParsing[]): ApolloServerPlugin {
  return {
    async requestDidStart({ request, contextValue }) {
      let refusal: GraphQLError | undefined;
      for (const check of checks) {
        refusal = check(request, contextValue);
        if (refusal) break;
      }
      if (!refusal) return;
      request.query = PLACEHOLDER;
      request.operationName = undefined;
      request.variables = undefined;
      request.extensions = undefined;
      const raised = refusal;
      return {
        async didResolveOperation() {
          throw raised;
        },
      };
    },
  };
}
