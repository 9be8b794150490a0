// Cross-origin requests from browsers, answered only for the origins a service lists. A request
// whose Origin is neither listed nor the service's own (Sandbox, served by the gateway itself) is
// refused with 403 before anything runs: a browser would hide the answer anyway, and refusing also
// keeps a page on another site from making a shopper's browser change their cart. Callers that are
// not browsers send no Origin and are not concerned.
import type { IncomingMessage, ServerResponse } from "node:http";

export interface CorsPolicy {
  /** Exact origins, e.g. `https://shop.example.com` (scheme, host and port; no path, no wildcard). */
  origins: readonly string[];
  /** How long a browser may reuse a preflight answer. */
  maxAgeSeconds?: number;
}

const ALLOWED_METHODS = "GET, POST, OPTIONS";
// What our clients send: the token, JSON, Apollo Client's headers and a request id to trace by.
const ALLOWED_HEADERS = "authorization, content-type, apollo-require-preflight, apollographql-client-name, apollographql-client-version, x-apollo-operation-name, x-request-id";
// Headers a browser script may read from our answers.
const EXPOSED_HEADERS = "x-request-id, retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset";

/** An origin as browsers send it: lower-case scheme and host, default ports left out. Null for anything else. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search || url.hash || url.username) return null;
    return url.origin;
  } catch {
    return null;
  }
}

/** Reads a comma-separated list of origins; throws on an entry that is not one (a path, a wildcard, a typo). */
export function parseOrigins(list: string): string[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const origin = normalizeOrigin(entry);
      if (!origin || origin !== entry.replace(/\/$/, "").toLowerCase()) throw new Error(`"${entry}" is not an origin (scheme://host[:port], nothing more)`);
      return origin;
    });
}

export type CorsOutcome = "not-cross-origin" | "allowed" | "refused";

export class Cors {
  private readonly origins: Set<string>;
  private readonly maxAge: string;

  constructor(policy: CorsPolicy) {
    this.origins = new Set(policy.origins);
    this.maxAge = String(policy.maxAgeSeconds ?? 600);
  }

  /** Whether this request may go on; a browser on a listed origin gets the headers that let it read the answer. */
  judge(req: IncomingMessage): CorsOutcome {
    const origin = req.headers.origin;
    if (origin === undefined) return "not-cross-origin";
    const normalized = normalizeOrigin(origin);
    if (normalized && this.origins.has(normalized)) return "allowed";
    // The service's own pages (Sandbox) send their own origin with every POST.
    if (normalized && req.headers.host && new URL(normalized).host === req.headers.host.toLowerCase()) return "not-cross-origin";
    return "refused";
  }

  /**
   * Sets the CORS headers of an answer and answers preflights; true when the request is done
   * (a preflight, or a refusal).
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const outcome = this.judge(req);
    res.setHeader("vary", "Origin");
    if (outcome === "refused") {
      res.writeHead(403, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ errors: [{ message: "This origin may not call this API.", extensions: { code: "ORIGIN_NOT_ALLOWED" } }] }));
      return true;
    }
    if (outcome === "allowed") {
      res.setHeader("access-control-allow-origin", req.headers.origin!);
      res.setHeader("access-control-allow-credentials", "true");
      res.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
    }
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"] !== undefined) {
      if (outcome === "allowed") {
        res.setHeader("access-control-allow-methods", ALLOWED_METHODS);
        res.setHeader("access-control-allow-headers", ALLOWED_HEADERS);
        res.setHeader("access-control-max-age", this.maxAge);
      }
      res.writeHead(204);
      res.end();
      return true;
    }
    return false;
  }
}
