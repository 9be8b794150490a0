// The gateway's one way to check a bearer token. Tokens we sign ourselves (guests, and users in
// development) are HS256 with JWT_SECRET; users of an identity provider carry RS256 or ES256
// tokens checked against its published keys (JWT_JWKS_URL). Once a provider is configured it is
// the only source of user identities: an HS256 token then passes only as a guest, so the secret the
// cart holds cannot mint a user, and a provider's token cannot claim a guest's cart.
import { decodeProtectedHeader } from "jose";
import { InvalidTokenError, identityOf, verifiedPayload, type VerifyOptions } from "./access-token.js";
import { GUEST_PREFIX, type Identity } from "./identity.js";
import { JwksKeys } from "./jwks-keys.js";

export interface TokenVerifierSettings extends VerifyOptions {
  /** HS256 key of the tokens we sign. */
  secret: string;
  /** The identity provider's key set; unset: users are HS256 too (development). */
  jwksUrl?: string;
}

const PROVIDER_ALGORITHMS = ["RS256", "ES256"];

export class TokenVerifier {
  private readonly secret: Uint8Array;
  private readonly jwks?: JwksKeys;

  constructor(private readonly settings: TokenVerifierSettings) {
    this.secret = new TextEncoder().encode(settings.secret);
    if (settings.jwksUrl) this.jwks = new JwksKeys(settings.jwksUrl, settings.now);
  }

  /** The caller a token proves. Throws InvalidTokenError for any token that proves nothing. */
  async verify(token: string): Promise<Identity> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new InvalidTokenError("token invalid");
    }
    if (alg === "HS256") {
      const identity = identityOf(await verifiedPayload(token, this.secret, ["HS256"], this.settings));
      if (this.jwks && identity.kind !== "guest") throw new InvalidTokenError("user tokens must come from the identity provider");
      return identity;
    }
    if (!this.jwks || !PROVIDER_ALGORITHMS.includes(String(alg))) throw new InvalidTokenError("token invalid");
    const payload = await verifiedPayload(token, this.jwks.keyFor, PROVIDER_ALGORITHMS, this.settings);
    if (payload.sub!.startsWith(GUEST_PREFIX)) throw new InvalidTokenError("guest subjects are ours to issue");
    return identityOf(payload);
  }
}
