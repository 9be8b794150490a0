// A circuit breaker for a dependency that may be down: after `failureThreshold` failures in a row
// it opens, and callers go straight to their fallback instead of waiting for a timeout each; after
// `cooldownMs` one trial call is let through (half-open): its success closes the breaker, its
// failure opens it for another cooldown. Per process: each replica finds out for itself, which
// costs at most `failureThreshold` slow calls per replica and outage.
//
// Its time is the process's own (Date.now), not the context's business clock: a test that moves
// business time by days must not open or close it.

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerSettings {
  failureThreshold: number;
  cooldownMs: number;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly settings: BreakerSettings,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt < this.settings.cooldownMs ? "open" : "half-open";
  }

  /** Whether a call may go out now; true obliges the caller to report its success or failure. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    if (this.trialInFlight || this.openedAt !== null) {
      this.trialInFlight = false;
      this.openedAt = this.now();
      return;
    }
    this.failures += 1;
    if (this.failures >= this.settings.failureThreshold) this.openedAt = this.now();
  }
}
