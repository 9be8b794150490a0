// How a caller learns where it stands: the RateLimit-* headers (IETF draft) on every response, and
// for a refused request HTTP 429 with Retry-After and a RATE_LIMITED error saying when to retry.
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestErrorCode } from "@trolley/errors";
import type { RateLimitStatus } from "./rate-limiter.js";

/** What the context carries for the headers plugin: the caller's count after this request. */
export interface RateLimited {
  rateLimit?: RateLimitStatus;
}

export function rateLimitHeaders(status: RateLimitStatus): [string, string][] {
  return [
    ["ratelimit-limit", String(status.limit)],
    ["ratelimit-remaining", String(status.remaining)],
    ["ratelimit-reset", String(status.resetSeconds)],
    ["ratelimit-policy", `${status.limit};w=${status.windowSeconds}`],
  ];
}

/** `what` the limit counts, for the message (requests, or guest sessions of one address). */
export function rateLimitedError(status: RateLimitStatus, code: Extract<RequestErrorCode, "RATE_LIMITED" | "GUEST_SESSIONS_RATE_LIMITED"> = "RATE_LIMITED", what = "requests"): GraphQLError {
  const headers = new HeaderMap([...rateLimitHeaders(status), ["retry-after", String(status.resetSeconds)]]);
  return new GraphQLError(`Too many ${what}: the limit is ${status.limit} per ${status.windowSeconds} s. Retry in ${status.resetSeconds} s.`, {
    extensions: { code, limit: status.limit, remaining: 0, retryAfterSeconds: status.resetSeconds, http: { status: 429, headers } },
  });
}

/** Puts the caller's RateLimit-* headers on every answered request. */
export function rateLimitHeadersPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ contextValue, response }) {
      const status = (contextValue as RateLimited).rateLimit;
      if (!status) return;
      for (const [name, value] of rateLimitHeaders(status)) response.http.headers.set(name, value);
    },
  };
}
