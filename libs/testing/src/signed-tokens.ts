// Tokens as an identity provider (or a careless client) would make them: any algorithm, key id and
// claims, including the ones our verifier must refuse (no `exp`, too long a lifetime).
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { randomUUID } from "node:crypto";

export type ProviderAlgorithm = "RS256" | "ES256";

export interface SigningKey {
  kid: string;
  alg: ProviderAlgorithm;
  privateKey: CryptoKey;
  /** What the provider publishes in its JWKS. */
  publicJwk: JWK;
}

export async function newSigningKey(alg: ProviderAlgorithm, kid = `key-${randomUUID()}`): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

export interface TokenClaims {
  sub?: string;
  roles?: string[];
  /** Seconds since the epoch; null leaves the claim out. Default: now. */
  iat?: number | null;
  /** Seconds since the epoch; null leaves the claim out. Default: an hour from now. */
  exp?: number | null;
}

/** A token signed with a provider's key (kid in the header), or with an HS256 secret. */
export async function signedToken(key: SigningKey | { secret: string }, claims: TokenClaims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ roles: claims.roles ?? ["customer"] })
    .setProtectedHeader("secret" in key ? { alg: "HS256" } : { alg: key.alg, kid: key.kid })
    .setSubject(claims.sub ?? `user-${randomUUID()}`);
  const iat = claims.iat === undefined ? now : claims.iat;
  const exp = claims.exp === undefined ? now + 3600 : claims.exp;
  if (iat !== null) jwt = jwt.setIssuedAt(iat);
  if (exp !== null) jwt = jwt.setExpirationTime(exp);
  return jwt.sign("secret" in key ? new TextEncoder().encode(key.secret) : key.privateKey);
}
