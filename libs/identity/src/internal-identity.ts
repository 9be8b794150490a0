// How identity crosses from the gateway (or a calling service) to a subgraph: a header whose value
// is the identity and a short expiry, HMAC-SHA256-signed with INTERNAL_SECRET. A subgraph reached
// directly, without that credential, treats the caller as anonymous whatever headers it sends.
import { createHmac, timingSafeEqual } from "node:crypto";
import { anonymous, type Identity } from "./identity.js";

export const IDENTITY_HEADER = "x-trolley-identity";

/** Long enough for any single request to reach its subgraph, short enough to make replay useless. */
const LIFETIME_SECONDS = 60;

const mac = (payload: string, secret: string) => createHmac("sha256", secret).update(payload).digest("base64url");

export function signIdentity(identity: Identity, secret: string, nowMs = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ ...identity, exp: Math.floor(nowMs / 1000) + LIFETIME_SECONDS })).toString("base64url");
  return `v1.${payload}.${mac(payload, secret)}`;
}

/** The identity a header proves, or null when it is missing, malformed, forged or expired. */
function readIdentity(header: string | undefined | null, secret: string, nowMs: number): Identity | null {
  if (!header) return null;
  const [version, payload, signature] = header.split(".");
  if (version !== "v1" || !payload || !signature) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const { exp, ...identity } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof exp !== "number" || exp * 1000 < nowMs) return null;
    return identity as Identity;
  } catch {
    return null;
  }
}

/** The identity a header proves, or anonymous when it is missing, malformed, forged or expired. */
export function verifyIdentity(header: string | undefined | null, secret: string, nowMs = Date.now()): Identity {
  return readIdentity(header, secret, nowMs) ?? anonymous;
}

/**
 * Whether the request carries the gateway's credential (a valid header, whoever the caller is): what
 * a subgraph asks before showing its schema, which only the gateway and our tools need.
 */
export function hasInternalCredential(header: string | undefined | null, secret: string, nowMs = Date.now()): boolean {
  return readIdentity(header, secret, nowMs) !== null;
}
