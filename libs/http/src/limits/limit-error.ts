// How a limit refuses an operation: a top-level error with the limit's own code, the limit and the
// actual value, so a client can tell "too deep" from "no such field" and knows by how much it missed.
import { GraphQLError, type ASTNode } from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestErrorCode } from "@trolley/errors";

export type LimitCode = Extract<
  RequestErrorCode,
  "QUERY_TOO_LARGE" | "QUERY_TOO_DEEP" | "TOO_MANY_ALIASES" | "TOO_MANY_ROOT_FIELDS" | "TOO_MANY_FIELDS" | "QUERY_TOO_COSTLY"
>;

export function limitExceeded(code: LimitCode, message: string, values: { limit: number; actual: number }, nodes?: ASTNode | ASTNode[]): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code, limit: values.limit, actual: values.actual, http: { status: 400 } } });
}

/**
 * Apollo Server reports every validation error as GRAPHQL_VALIDATION_FAILED, overwriting the code a
 * rule gave it; this puts a limit's own code back (the rule's error is the `originalError`).
 */
export function keepLimitCodes(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const own = error.originalError instanceof GraphQLError ? error.originalError.extensions.code : undefined;
            if (error.extensions.code === "GRAPHQL_VALIDATION_FAILED" && typeof own === "string") error.extensions.code = own;
          }
        },
      };
    },
  };
}
