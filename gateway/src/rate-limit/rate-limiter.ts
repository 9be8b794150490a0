// Requests per caller in a fixed window, counted in Redis so every gateway process shares one
// count. The count and the window's expiry are set in one Lua script: atomic, so concurrent
// requests on several processes never lose an increment or leave a counter without expiry.
// Redis being down, or slower than the deadline, must not take the API down with it: the request
// is let through (fail open).
import type { RedisClient } from "@trolley/outbox";
import { GUARD_DEADLINE_MS, withinDeadline } from "../guard-redis.js";
import type { RedisOutage } from "../redis-outage.js";

export interface RateLimitStatus {
  limit: number;
  /** Requests left in the current window (0 once over). */
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
  windowSeconds: number;
  allowed: boolean;
}

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** How long a request waits on Redis for its count (GUARD_DEADLINE_MS unless a test says otherwise). */
  deadlineMs?: number;
}

// KEYS[1] the caller's counter, ARGV[1] the window in ms. Returns the count and the window's
// remaining ms. The expiry is set when the counter is created (and repaired if ever missing).
const COUNT_REQUEST = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`;

const KEY_PREFIX = "ratelimit:";

export class RateLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly options: RateLimitOptions,
    private readonly outage: RedisOutage,
  ) {}

  /** Counts one request of `caller`; undefined when Redis could not be asked (the request goes on). */
  async hit(caller: string): Promise<RateLimitStatus | undefined> {
    let count: number, ttlMs: number;
    try {
      const counted = this.redis.eval(COUNT_REQUEST, 1, `${KEY_PREFIX}${caller}`, this.options.windowMs) as Promise<[number, number]>;
      [count, ttlMs] = await withinDeadline(counted, this.options.deadlineMs ?? GUARD_DEADLINE_MS);
      this.outage.succeeded();
    } catch (error) {
      this.outage.failed(error);
      return undefined;
    }
    const { limit } = this.options;
    return {
      limit,
      remaining: Math.max(0, limit - count),
      resetSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
      windowSeconds: Math.round(this.options.windowMs / 1000),
      allowed: count <= limit,
    };
  }
}
