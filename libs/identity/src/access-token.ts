// Client-facing bearer tokens: HS256 JWTs. `sub` is the user id (or "guest:<id>"), `roles` a list.
import { SignJWT, jwtVerify, errors as joseErrors } from "jose";
import { randomBytes } from "node:crypto";
import { GUEST_PREFIX, type Identity, type Role } from "./identity.js";

export interface TokenSettings {
  secret: string;
  issuer?: string;
  audience?: string;
}

const knownRoles = new Set<Role>(["customer", "admin", "guest"]);
const keyCache = new Map<string, Uint8Array>();
const keyOf = (secret: string) => {
  let key = keyCache.get(secret);
  if (!key) keyCache.set(secret, (key = new TextEncoder().encode(secret)));
  return key;
};

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "InvalidTokenError";
  }
}

export async function signAccessToken(
  claims: { sub: string; roles: Role[] },
  settings: TokenSettings,
  expiresInSeconds = 3600,
): Promise<{ token: string; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + expiresInSeconds;
  let jwt = new SignJWT({ roles: claims.roles }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setSubject(claims.sub).setIssuedAt(now).setExpirationTime(exp);
  if (settings.issuer) jwt = jwt.setIssuer(settings.issuer);
  if (settings.audience) jwt = jwt.setAudience(settings.audience);
  return { token: await jwt.sign(keyOf(settings.secret)), expiresAt: new Date(exp * 1000) };
}

/** A new guest: a random subject that only this signed token can claim. */
export function signGuestToken(settings: TokenSettings, expiresInSeconds: number) {
  const sub = `${GUEST_PREFIX}${randomBytes(16).toString("base64url")}`;
  return signAccessToken({ sub, roles: ["guest"] }, settings, expiresInSeconds);
}

/** Verifies signature, expiry and (when configured) issuer and audience. Throws InvalidTokenError. */
export async function verifyAccessToken(token: string, settings: TokenSettings): Promise<Identity> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, keyOf(settings.secret), {
      algorithms: ["HS256"],
      issuer: settings.issuer,
      audience: settings.audience,
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError("token expired");
    throw new InvalidTokenError("token invalid");
  }
  const sub = payload.sub;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > 200) throw new InvalidTokenError("token has no subject");
  const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role => knownRoles.has(r as Role));
  if (sub.startsWith(GUEST_PREFIX)) {
    return { kind: "guest", subject: sub, roles: ["guest"] };
  }
  return { kind: "user", subject: sub, roles: roles.includes("guest") ? ["customer"] : roles.length ? roles : ["customer"] };
}
