// Who the bench client is, per target: a real bearer JWT for our gateway (which verifies it and
// signs the identity for subgraphs itself), and a pre-signed x-trolley-identity header for Hive
// Gateway and for the direct calls, which pass it to subgraphs as is. Signed headers live 60 s, so
// each is re-signed once it is 30 s old; a header is cached per user, never signed per request.
import { signAccessToken, signIdentity, type Identity } from "@trolley/identity";
import { ownerId } from "./seed-carts.js";

const RESIGN_AFTER_MS = 30_000;

export class Identities {
  private readonly bearer: string[] = [];
  private readonly signed = new Map<number, { header: string; at: number }>();

  private constructor(private readonly internalSecret: string) {}

  /** Signs every user's JWT once, up front (they outlive any run), so requests never wait on it. */
  static async create(users: number, secrets: { JWT_SECRET: string; INTERNAL_SECRET: string }): Promise<Identities> {
    const identities = new Identities(secrets.INTERNAL_SECRET);
    for (let n = 0; n < users; n++) {
      const { token } = await signAccessToken({ sub: ownerId(n), roles: ["customer"] }, { secret: secrets.JWT_SECRET }, 24 * 3600);
      identities.bearer.push(`Bearer ${token}`);
    }
    return identities;
  }

  authorization(n: number): string {
    return this.bearer[n];
  }

  /** The header our gateway would have signed for this user; valid for at least 30 more seconds. */
  identityHeader(n: number): string {
    const now = Date.now();
    const cached = this.signed.get(n);
    if (cached && now - cached.at < RESIGN_AFTER_MS) return cached.header;
    const identity: Identity = { kind: "user", subject: ownerId(n), roles: ["customer"] };
    const header = signIdentity(identity, this.internalSecret, now);
    this.signed.set(n, { header, at: now });
    return header;
  }
}
