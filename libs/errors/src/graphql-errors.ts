import { GraphQLError } from "graphql";
import type { RequestErrorCode } from "./codes.js";

function requestError(code: RequestErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const unauthenticated = (message = "Sign in to do this.") => requestError("UNAUTHENTICATED", message);
/** A request refused as a whole (a bad bearer token): HTTP 401 rather than a partial result. */
export const unauthenticatedRequest = (message: string) => requestError("UNAUTHENTICATED", message, { http: { status: 401 } });
export const forbidden = (message = "You may not do this.") => requestError("FORBIDDEN", message);
export const badUserInput = (message: string) => requestError("BAD_USER_INPUT", message);
export const serviceUnavailable = (service: string) =>
  requestError("SERVICE_UNAVAILABLE", `The ${service} service is unavailable; retry later.`, { service });
