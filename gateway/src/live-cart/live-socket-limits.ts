// How many live cart sockets one identity may hold, across every gateway process, and one process
// in all. Each identity's sockets are a sorted set in Redis scored by when they lapse: the socket's
// heartbeat keeps its entry alive, so a process that dies without closing its sockets frees them
// within two heartbeats. Without Redis the process counts by itself: the limit then holds per
// process instead of per fleet, and nobody is refused for Redis being away (or slow).
import type { RedisClient } from "@trolley/outbox";
import { GUARD_DEADLINE_MS, withinDeadline } from "../guard-redis.js";

export interface LiveSocketLimitsOptions {
  redis: RedisClient;
  perIdentity: number;
  perProcess: number;
  /** How long an entry lives without a heartbeat. */
  leaseMs: number;
}

export type SocketAdmission = "admitted" | "identity-limit" | "process-limit";

const keyOf = (subject: string) => `live-cart:sockets:${subject}`;

export class LiveSocketLimits {
  private readonly local = new Map<string, number>();
  private total = 0;

  constructor(private readonly options: LiveSocketLimitsOptions) {}

  /** Whether one more socket is allowed in this process at all (checked before the upgrade). */
  roomInProcess(): boolean {
    return this.total < this.options.perProcess;
  }

  /** Takes a place for the identity's socket `socketId`, or says which limit refuses it. */
  async admit(subject: string, socketId: string): Promise<SocketAdmission> {
    if (!this.roomInProcess()) return "process-limit";
    const { redis, perIdentity, leaseMs } = this.options;
    const localCount = this.local.get(subject) ?? 0;
    let count = localCount + 1;
    try {
      const now = Date.now();
      const key = keyOf(subject);
      const counted = redis.multi().zremrangebyscore(key, "-inf", now).zadd(key, now + leaseMs, socketId).zcard(key).pexpire(key, leaseMs).exec();
      const replies = await withinDeadline(counted, GUARD_DEADLINE_MS);
      count = Number(replies?.[2]?.[1] ?? count);
      if (count > perIdentity) await redis.zrem(key, socketId);
    } catch {
      // Counted by this process alone until Redis is back.
    }
    if (count > perIdentity) return "identity-limit";
    this.local.set(subject, localCount + 1);
    this.total += 1;
    return "admitted";
  }

  /** Keeps the socket's place (each heartbeat). */
  renew(subject: string, socketId: string) {
    const key = keyOf(subject);
    const lapses = Date.now() + this.options.leaseMs;
    this.options.redis
      .multi()
      .zadd(key, "XX", lapses, socketId)
      .pexpire(key, this.options.leaseMs)
      .exec()
      .catch(() => {});
  }

  release(subject: string, socketId: string) {
    const left = (this.local.get(subject) ?? 1) - 1;
    if (left > 0) this.local.set(subject, left);
    else this.local.delete(subject);
    this.total = Math.max(0, this.total - 1);
    this.options.redis.zrem(keyOf(subject), socketId).catch(() => {});
  }

  get sockets(): number {
    return this.total;
  }
}
