// A Redis sorted set of each active cart's last activity (score = epoch ms), so finding the carts
// idle past a cutoff is one range query instead of a table scan. Postgres stays the truth: the index
// may lag or be lost (Redis keeps nothing on disk here), and every decision is re-checked in
// Postgres. Writes are best effort: a Redis outage never fails a cart change.
import type { RedisClient } from "@trolley/outbox";

// One hash tag for both keys, so in a Redis Cluster they live on one node: the marker must be lost
// whenever the index is (a node restarted empty, a failover to a replica that was behind).
export const ACTIVITY_KEY = "cart:{activity}";
/** Set once the index was built from Postgres; gone with the index if Redis loses its data. */
export const ACTIVITY_BUILT_KEY = "cart:{activity}:built";

export class ActivityIndex {
  constructor(private readonly redis: RedisClient) {}

  async record(cartId: string, at: Date): Promise<void> {
    await this.redis.zadd(ACTIVITY_KEY, at.getTime(), cartId);
  }

  async recordMany(entries: { id: string; at: Date }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.redis.zadd(ACTIVITY_KEY, ...entries.flatMap((e) => [e.at.getTime(), e.id]));
  }

  /** Carts whose last recorded activity is at or before the cutoff, oldest first. */
  idleSince(cutoff: Date, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(ACTIVITY_KEY, "-inf", cutoff.getTime(), "LIMIT", 0, limit);
  }

  async forget(cartIds: string[]): Promise<void> {
    if (cartIds.length) await this.redis.zrem(ACTIVITY_KEY, ...cartIds);
  }

  async needsRebuild(): Promise<boolean> {
    return (await this.redis.exists(ACTIVITY_BUILT_KEY)) === 0;
  }

  /** `at`: when it was built, kept only for whoever inspects Redis. */
  async markBuilt(at: Date): Promise<void> {
    await this.redis.set(ACTIVITY_BUILT_KEY, at.toISOString());
  }
}
