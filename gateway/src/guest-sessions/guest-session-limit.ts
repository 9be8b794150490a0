// Guest sessions cost nothing to start and each is a caller with a request budget of its own, so
// without a limit one address could mint thousands a minute and multiply its budget by as many.
// Here: one `startGuestSession` per operation (aliases and fragments included), and
// GUEST_SESSIONS_PER_MINUTE per client IP, counted in Redis across gateway processes. A start also
// counts against the IP's request budget when the caller is not already counted there (a guest or
// user starting a session). Runs once the operation is known, before any subgraph is asked.
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { RequestErrorCode } from "@trolley/errors";
import { fieldTally } from "@trolley/http";
import type { GatewayContext } from "../identity-data-source.js";
import { rateLimitedError } from "../rate-limit/rate-limit-headers.js";
import type { RateLimiter } from "../rate-limit/rate-limiter.js";

const START = "startGuestSession";

function tooManyInOneRequest(count: number): GraphQLError {
  const code: RequestErrorCode = "TOO_MANY_GUEST_SESSIONS";
  return new GraphQLError(`The operation starts ${count} guest sessions; one request may start at most one.`, {
    extensions: { code, limit: 1, actual: count, http: { status: 400 } },
  });
}

export function guestSessionLimit(sessions: RateLimiter, requests: RateLimiter | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const count = fieldTally(document, (field) => (field.name.value === START ? 1 : 0), { nested: false })(operation.selectionSet);
          if (count === 0) return;
          if (count > 1) throw tooManyInOneRequest(count);
          const ip = `ip:${contextValue.clientAddress}`;
          const started = await sessions.hit(`guest-sessions:${ip}`);
          if (started && !started.allowed) throw rateLimitedError(started, "GUEST_SESSIONS_RATE_LIMITED", "guest sessions from this address");
          if (!requests || contextValue.callerKey === ip) return;
          const budget = await requests.hit(ip);
          if (budget && !budget.allowed) throw rateLimitedError(budget);
        },
      };
    },
  };
}
