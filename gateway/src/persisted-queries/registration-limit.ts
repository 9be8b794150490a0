// Automatic persisted queries let any caller store text in our Redis for PERSISTED_QUERY_TTL. A
// registration (query text with its hash) is accepted only up to PERSISTED_QUERY_MAX_LENGTH
// characters and PERSISTED_QUERY_REGISTRATIONS_PER_MINUTE per caller; beyond either, the query
// still runs (it passed every other limit) but is not stored, so the client keeps sending its text.
import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../identity-data-source.js";
import type { RateLimiter } from "../rate-limit/rate-limiter.js";

export function registrationLimit(maxLength: number, perCaller: RateLimiter | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const { persistedQuery, ...extensions } = request.extensions ?? {};
      if (!persistedQuery || request.query === undefined) return;
      const tooLong = request.query.length > maxLength;
      const status = tooLong || !perCaller ? undefined : await perCaller.hit(`apq-registrations:${contextValue.callerKey}`);
      if (!tooLong && status?.allowed !== false) return;
      // Apollo reads the extensions after this hook: without the hash, it runs the text and stores nothing.
      request.extensions = extensions;
      contextValue.logger.debug("persisted query not registered", { reason: tooLong ? "too long" : "registration rate", length: request.query.length });
    },
  };
}
