// Client-facing bearer tokens signed by us: HS256 JWTs (guests, and users in development), and the
// checks every token passes whoever signed it (token-verifier.ts). `sub` is the user id (or
// "guest:<id>"), `roles` a list; `exp` is required.
import { SignJWT, decodeJwt, jwtVerify, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from "jose";
import { randomBytes } from "node:crypto";
import { GUEST_PREFIX, type Identity, type Role } from "./identity.js";

export interface TokenSettings {
  secret: string;
  issuer?: string;
  audience?: string;
  maxLifetimeSeconds?: number;
  now?: () => number;
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

/** Verifies signature, expiry (`exp` is required) and (when configured) issuer and audience. Throws InvalidTokenError. */
export async function verifyAccessToken(token: string, settings: TokenSettings): Promise<Identity> {
  const payload = await verifiedPayload(token, keyOf(settings.secret), ["HS256"], settings);
  return identityOf(payload);
}

/** What a token says once its signature checked out, as an identity: a `guest:` subject is a guest whatever roles it claims. */
export function identityOf(payload: JWTPayload): Identity {
  const sub = payload.sub!;
  const roles = (Array.isArray(payload.roles) ? payload.roles : []).filter((r): r is Role => knownRoles.has(r as Role));
  if (sub.startsWith(GUEST_PREFIX)) {
    return { kind: "guest", subject: sub, roles: ["guest"] };
  }
  return { kind: "user", subject: sub, roles: roles.includes("guest") ? ["customer"] : roles.length ? roles : ["customer"] };
}

export interface VerifyOptions {
  issuer?: string;
  audience?: string;
  /** A token living longer than this (exp - iat, or exp - now) is refused: a stolen one is useful only so long. */
  maxLifetimeSeconds?: number;
  /** The time tokens are checked at (tests move it). */
  now?: () => number;
}

/** Signature, `exp` (required), issuer, audience, lifetime and subject. Throws InvalidTokenError. */
export async function verifiedPayload(token: string, key: Uint8Array | JWTVerifyGetKey, algorithms: string[], options: VerifyOptions): Promise<JWTPayload> {
  const nowMs = options.now?.() ?? Date.now();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key as Uint8Array, {
      algorithms,
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: ["exp"],
      currentDate: new Date(nowMs),
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError("token expired");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "exp") throw new InvalidTokenError("token has no expiry");
    if (error instanceof joseErrors.JWKSNoMatchingKey) throw new InvalidTokenError("token signed by an unknown key");
    if (!(error instanceof joseErrors.JOSEError)) throw error;
    throw new InvalidTokenError("token invalid");
  }
  const now = Math.floor(nowMs / 1000);
  const exp = payload.exp!;
  const issuedAt = typeof payload.iat === "number" ? Math.min(payload.iat, now) : now;
  if (options.maxLifetimeSeconds !== undefined && Math.max(exp - issuedAt, exp - now) > options.maxLifetimeSeconds) {
    throw new InvalidTokenError(`token lives longer than ${options.maxLifetimeSeconds} s`);
  }
  const sub = payload.sub;
  if (typeof sub !== "string" || sub.length === 0 || sub.length > 200) throw new InvalidTokenError("token has no subject");
  return payload;
}

/**
 * When a token stops being valid: for a connection that outlives the request it was verified on
 * (a WebSocket). Only for a token already verified; a token without `exp` never verifies.
 */
export function tokenExpiry(bearerOrToken: string): Date | null {
  try {
    const exp = decodeJwt(bearerOrToken.replace(/^Bearer\s+/i, "").trim()).exp;
    return typeof exp === "number" ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}
