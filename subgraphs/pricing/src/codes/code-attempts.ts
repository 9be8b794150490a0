// How many codes a caller has tried in the current window (DISCOUNT_CODE_ATTEMPTS per
// DISCOUNT_CODE_ATTEMPT_WINDOW), counted in Redis so every pricing process shares one count: the
// increment and the window's expiry go in one MULTI (the expiry only set when the key has none), so
// concurrent attempts on several processes never lose a count or leave a counter without expiry.
// A code guessed against a dead Redis is still judged: the limit fails open, and says so once.
import type { RedisClient } from "@trolley/outbox";
import type { Logger } from "@trolley/http";

const KEY_PREFIX = "pricing:code-attempts:";

export class CodeAttempts {
  private outage = false;

  constructor(
    private readonly redis: RedisClient,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly logger: Pick<Logger, "warn" | "info">,
  ) {}

  /** Counts one attempt of `callerKey`; false once it is over the limit for this window. */
  async allow(callerKey: string): Promise<boolean> {
    const key = `${KEY_PREFIX}${callerKey}`;
    try {
      const replies = await this.redis.multi().incr(key).pexpire(key, this.windowMs, "NX").exec();
      const [error, count] = replies?.[0] ?? [new Error("the transaction was discarded"), 0];
      if (error) throw error;
      if (this.outage) this.logger.info("discount code attempts: Redis available again");
      this.outage = false;
      return (count as number) <= this.limit;
    } catch (error) {
      if (!this.outage) this.logger.warn("discount code attempts: Redis unavailable, judging codes without the limit", { error });
      this.outage = true;
      return true;
    }
  }
}
