// What a client may see of an error. Expected errors (those carrying one of our request codes, or
// GraphQL's own validation codes) pass through; anything else is logged in full, with the request
// id, and replaced by a generic message, so no stack, SQL or hostname leaks.
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { requestErrorCodes } from "@trolley/errors";
import type { Logger } from "./logger.js";
import { currentRequestScope } from "./request-scope.js";

const passThrough = new Set<string>([
  ...Object.keys(requestErrorCodes).filter((c) => c !== "INTERNAL_SERVER_ERROR"),
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "GRAPHQL_PARSE_FAILED",
]);

export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && passThrough.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // formatError gets no context value: the request's own logger comes from the request scope.
    (currentRequestScope()?.logger ?? logger).error("unexpected error", { error: unwrapResolverError(error), path: formatted.path });
    return {
      message: "Internal server error.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
