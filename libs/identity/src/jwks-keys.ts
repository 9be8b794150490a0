// The identity provider's signing keys, read from its JSON Web Key Set (JWT_JWKS_URL). Cached, so a
// token costs no request to the provider; refetched every 10 minutes, so a key the provider removed
// stops working without a restart; and refetched when a token names a key id the cache does not
// know (the provider rotated in a new key), but at most once a minute: tokens with made-up key ids
// must not turn the gateway into a stream of requests to the provider.
import { createLocalJWKSet, errors as joseErrors, type JSONWebKeySet, type JWTHeaderParameters, type FlattenedJWSInput } from "jose";

export const JWKS_MAX_AGE_MS = 10 * 60_000;
export const JWKS_REFETCH_COOLDOWN_MS = 60_000;
const FETCH_TIMEOUT_MS = 5000;

export class JwksUnavailableError extends Error {
  constructor(reason: string) {
    super(`the identity provider's keys could not be read: ${reason}`);
    this.name = "JwksUnavailableError";
  }
}

export class JwksKeys {
  private keys?: ReturnType<typeof createLocalJWKSet>;
  private fetchedAt = -Infinity;
  private inFlight?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key for a token's header (its `kid` and `alg`); throws jose's JWKSNoMatchingKey when there is none. */
  readonly keyFor = async (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
    if (!this.keys || this.now() - this.fetchedAt >= JWKS_MAX_AGE_MS) await this.refresh();
    try {
      return await this.keys!(header, token);
    } catch (error) {
      if (!(error instanceof joseErrors.JWKSNoMatchingKey) || this.now() - this.fetchedAt < JWKS_REFETCH_COOLDOWN_MS) throw error;
      await this.refresh();
      return this.keys!(header, token);
    }
  };

  /** One fetch however many requests ask at once. A failed fetch keeps the keys already known (if any). */
  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    // Counted from the attempt: a provider that is down is asked once a minute, not per token.
    this.fetchedAt = this.now();
    let jwks: JSONWebKeySet;
    try {
      const response = await fetch(this.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: "application/json" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      jwks = (await response.json()) as JSONWebKeySet;
      if (!Array.isArray(jwks?.keys)) throw new Error("no `keys` array");
    } catch (error) {
      if (this.keys) return;
      throw new JwksUnavailableError((error as Error).message);
    }
    this.keys = createLocalJWKSet(jwks);
  }
}
