// The automatic persisted query cache, in Redis: a query registered through one gateway process is
// known to all of them, and survives their restarts. Apollo Server prefixes the keys (`apq:<sha256>`).
// It is a cache and nothing more: a Redis error, or an answer later than the guards' deadline, is
// a miss (the client then sends the full text) or a lost registration, never a failed request.
import type { PersistedQueryOptions } from "@apollo/server";
import type { RedisClient } from "@trolley/outbox";
import { GUARD_DEADLINE_MS, withinDeadline } from "../guard-redis.js";
import type { RedisOutage } from "../redis-outage.js";

type KeyValueCache = NonNullable<PersistedQueryOptions["cache"]>;

export class RedisQueryCache implements KeyValueCache {
  constructor(
    private readonly redis: RedisClient,
    /** Used when Apollo passes no ttl; `null` from Apollo means "keep". */
    private readonly defaultTtlSeconds: number,
    private readonly outage: RedisOutage,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return this.attempt(async () => (await this.redis.get(key)) ?? undefined, undefined);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttl = options?.ttl === undefined ? this.defaultTtlSeconds : options.ttl;
    await this.attempt(async () => {
      if (ttl) await this.redis.set(key, value, "EX", Math.max(1, Math.ceil(ttl)));
      else await this.redis.set(key, value);
    }, undefined);
  }

  async delete(key: string): Promise<boolean> {
    return this.attempt(async () => (await this.redis.del(key)) > 0, false);
  }

  private async attempt<T>(command: () => Promise<T>, fallback: T): Promise<T> {
    try {
      const result = await withinDeadline(command(), GUARD_DEADLINE_MS);
      this.outage.succeeded();
      return result;
    } catch (error) {
      this.outage.failed(error);
      return fallback;
    }
  }
}
