// What the HTTP front knows about the request being served, reachable anywhere below it in the same
// async flow. Apollo's error formatting and plugins that run before the context exists get no
// context value, yet their log lines must carry the request id too.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "./logger.js";

export interface RequestScope {
  requestId: string;
  /** The server's logger bound to the request id. */
  logger: Logger;
  /** The GraphQL operation, once Apollo has resolved it (for the access log). */
  operationName?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

export const runInRequestScope = <T>(scope: RequestScope, work: () => T): T => storage.run(scope, work);

/** The scope of the request being served; undefined outside a request (background jobs). */
export const currentRequestScope = (): RequestScope | undefined => storage.getStore();
