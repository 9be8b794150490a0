// The caches of this context live in Redis and are never the truth: when Redis fails, a read finds
// nothing and a write keeps nothing, and the request goes on from the source. The outage is logged
// once when it starts and once when it ends, not once per request.
import type { Logger } from "@trolley/http";

export class CacheOutage {
  private down = false;

  constructor(
    private readonly name: string,
    private readonly logger: Pick<Logger, "warn" | "info">,
  ) {}

  /** `work`'s answer, or `fallback` when Redis failed. */
  async guard<T, F>(work: () => Promise<T>, fallback: F): Promise<T | F> {
    try {
      const result = await work();
      if (this.down) this.logger.info(`${this.name}: Redis available again`);
      this.down = false;
      return result;
    } catch (error) {
      if (!this.down) this.logger.warn(`${this.name}: Redis unavailable, answering from the source`, { error });
      this.down = true;
      return fallback;
    }
  }
}
