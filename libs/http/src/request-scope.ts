// What the HTTP front knows about the request being served, reachable from Apollo's plugins and
// its error formatting, which get no context value before the context exists, yet whose log lines
// must carry the request id too. The scope is tied to the HTTP GraphQL request object the front
// hands to Apollo (Apollo passes that very object on as `request.http`), rather than carried by
// AsyncLocalStorage, whose promise hooks cost every process several percent of its CPU under load.
import type { Logger } from "./logger.js";

export interface RequestScope {
  requestId: string;
  /** The server's logger bound to the request id. */
  logger: Logger;
  /** The GraphQL operation, once Apollo has resolved it (for the access log). */
  operationName?: string;
}

const scopes = new WeakMap<object, RequestScope>();

/** Ties `scope` to the HTTP request object Apollo will be given, and returns that object. */
export function withRequestScope<R extends object>(httpRequest: R, scope: RequestScope): R {
  scopes.set(httpRequest, scope);
  return httpRequest;
}

/** The scope of the request Apollo got as `request.http`; undefined for operations run otherwise (a live cart push, tests). */
export const requestScopeOf = (httpRequest: object | undefined): RequestScope | undefined => (httpRequest ? scopes.get(httpRequest) : undefined);
