// The rate limit sits where the caller is first known: right after the token is verified, before
// the query is even read. A request over the limit goes no further (HTTP 429); one under it carries
// its count in the context, for the response headers. A request whose token is refused counts too,
// against its IP: otherwise invalid tokens would be a free, unlimited way to load the gateway (and
// to guess at tokens).
import type { IncomingMessage } from "node:http";
import type { Identity } from "@trolley/identity";
import { callerKey, clientAddress } from "./caller-key.js";
import { rateLimitedError, type RateLimited } from "./rate-limit-headers.js";
import type { RateLimiter } from "./rate-limiter.js";

const isUnauthenticated = (error: unknown) => (error as { extensions?: { code?: unknown } }).extensions?.code === "UNAUTHENTICATED";

/** Wraps the context builder (whatever else it receives after the request) with the rate limit. */
export function rateLimitedContext<A extends [IncomingMessage, ...unknown[]], C extends { identity: Identity }>(
  limiter: RateLimiter | undefined,
  trustProxy: boolean,
  build: (...args: A) => Promise<C>,
): (...args: A) => Promise<C & RateLimited> {
  if (!limiter) return build;
  return async (...args) => {
    let context: C;
    try {
      context = await build(...args);
    } catch (error) {
      if (isUnauthenticated(error)) {
        const status = await limiter.hit(`ip:${clientAddress(args[0], trustProxy)}`);
        if (status && !status.allowed) throw rateLimitedError(status);
      }
      throw error;
    }
    const status = await limiter.hit(callerKey(context.identity, args[0], trustProxy));
    if (status && !status.allowed) throw rateLimitedError(status);
    return { ...context, rateLimit: status };
  };
}
