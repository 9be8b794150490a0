// The signed identity header of a request, made once per identity rather than once per subgraph
// call: a plan of five fetches would otherwise compute five HMACs of the same payload. A header
// lives 60 s (libs/identity); one is handed out again for at most REUSE_MS after it was signed,
// so every subgraph still receives one with at least 50 s to run. Keyed by the identity object a
// request carries (anonymous callers share one), so nothing outlives the requests holding it.
import { signIdentity, type Identity } from "@trolley/identity";

const REUSE_MS = 10_000;

export class IdentitySignatures {
  private readonly signed = new WeakMap<Identity, { header: string; until: number }>();

  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  headerFor(identity: Identity): string {
    const now = this.now();
    const cached = this.signed.get(identity);
    if (cached && now < cached.until) return cached.header;
    const header = signIdentity(identity, this.secret, now);
    this.signed.set(identity, { header, until: now + REUSE_MS });
    return header;
  }
}
