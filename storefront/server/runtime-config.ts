// /config.json: where the storefront finds the gateway, told at run time so one build serves any
// deployment (and tests, whose gateway listens on a free port).
import type { IncomingMessage, ServerResponse } from "node:http";

export interface StorefrontConfig {
  /** The gateway's HTTP endpoint, e.g. http://localhost:4000/graphql. */
  graphqlUrl: string;
  /** Its graphql-ws endpoint; by default the same URL with ws(s):. */
  subscriptionsUrl?: string;
}

type Next = (error?: unknown) => void;

export function runtimeConfig(current: () => StorefrontConfig) {
  return (req: IncomingMessage, res: ServerResponse, next: Next) => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/config.json") return next();
    const config = current();
    const body = JSON.stringify({ ...config, subscriptionsUrl: config.subscriptionsUrl ?? config.graphqlUrl.replace(/^http/, "ws") });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(body);
  };
}
