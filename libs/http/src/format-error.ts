// What a client may see of an error. Expected errors (those carrying one of our request codes, or
// GraphQL's own validation codes) pass through; anything else is logged in full, with the request
// id, and replaced by a generic message, so no stack, SQL or hostname leaks.
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { requestErrorCodes } from "@trolley/errors";
import type { Logger } from "./logger.js";

const passThrough = new Set<string>([
  ...Object.keys(requestErrorCodes).filter((c) => c !== "INTERNAL_SERVER_ERROR"),
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  "GRAPHQL_PARSE_FAILED",
]);

export const isExpected = (code: unknown): boolean => typeof code === "string" && passThrough.has(code);

/** Errors already logged with their request's id (by graphql-observability.ts, which knows the request). */
const logged = new WeakSet<object>();

export function logUnexpected(error: unknown, path: readonly (string | number)[] | undefined, logger: Logger): void {
  if (typeof error === "object" && error !== null) {
    if (logged.has(error)) return;
    logged.add(error);
  }
  logger.error("unexpected error", { error: unwrapResolverError(error), path });
}

export function maskErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isExpected(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    // Errors of a request's operation were logged under its id when they were met; formatError
    // gets no request, so whatever was not (an error raised before the operation) is logged here.
    logUnexpected(error, formatted.path, logger);
    return {
      message: "Internal server error.",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
