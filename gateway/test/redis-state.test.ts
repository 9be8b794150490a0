// What the gateway keeps in Redis (rate-limit counts, persisted queries), against a real Redis and
// against none at all.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@trolley/http";
import { createRedis } from "@trolley/outbox";
import { RedisQueryCache } from "../src/persisted-queries/redis-query-cache.js";
import { RateLimiter } from "../src/rate-limit/rate-limiter.js";
import { RedisOutage } from "../src/redis-outage.js";
import { createGuardRedis } from "../src/guard-redis.js";
import { scratchRedis } from "../../libs/outbox/test/redis-server.js";
import { connected, eventually, whileRedisWritesPaused } from "@trolley/testing";

const redis = createRedis(process.env.REDIS_URL!);
const unreachable = createRedis("redis://127.0.0.1:1");
// Commands fail at once while not connected (createRedis queues nothing), so wait for the connection.
beforeAll(() => new Promise((resolve) => redis.once("ready", resolve)));
afterAll(() => {
  redis.disconnect();
  unreachable.disconnect();
});

/** A logger whose lines the test reads. */
function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const logger = createLogger("gateway", "info", { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("rate limiter", () => {
  it("lets exactly the limit through when requests race on one caller from three processes", async () => {
    // One connection each, as three gateway processes have: their counts meet only in Redis.
    const connections = await Promise.all([0, 1, 2].map(() => connected(createRedis(process.env.REDIS_URL!))));
    const limiters = connections.map((connection) => new RateLimiter(connection, { limit: 10, windowMs: 60_000, deadlineMs: 10_000 }, new RedisOutage("rate limiting", recordingLogger().logger)));
    const caller = `user:${randomUUID()}`;
    // All thirty are in flight at once: each connection's first count is held inside Redis.
    const results = await whileRedisWritesPaused(redis, 3, () => Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 3].hit(caller))));
    for (const connection of connections) connection.disconnect();
    expect(results.filter((r) => r!.allowed)).toHaveLength(10);
    expect(results.filter((r) => r!.allowed).map((r) => r!.remaining).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.every((r) => r!.resetSeconds > 0 && r!.resetSeconds <= 60)).toBe(true);
  });

  it("starts a new count when the window ends", async () => {
    const limiter = new RateLimiter(redis, { limit: 2, windowMs: 300 }, new RedisOutage("rate limiting", recordingLogger().logger));
    const caller = `user:${randomUUID()}`;
    expect((await limiter.hit(caller))!.allowed).toBe(true);
    expect((await limiter.hit(caller))!.allowed).toBe(true);
    expect((await limiter.hit(caller))!.allowed).toBe(false);
    // The window's end, observed: Redis has expired the caller's counter.
    await eventually(async () => (await redis.exists(`ratelimit:${caller}`)) === 0);
    expect(await limiter.hit(caller)).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("without Redis, answers nothing (the request goes on) and logs the outage once", async () => {
    const { logger, lines } = recordingLogger();
    const limiter = new RateLimiter(unreachable, { limit: 1, windowMs: 60_000 }, new RedisOutage("rate limiting", logger));
    // Each answer comes after its failure was reported (the logger writes synchronously), so five
    // answers are five chances to log.
    for (let i = 0; i < 5; i++) expect(await limiter.hit("user:someone")).toBeUndefined();
    expect(lines.filter((l) => l.msg.includes("Redis unavailable"))).toHaveLength(1);
  });
});

/** Keeps this process's event loop busy, as a long garbage collection or a schema load does. */
function busyFor(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe("the guards' Redis", () => {
  it("counts a request whose answer came while this process was busy: a stalled event loop is not a slow Redis", async () => {
    const guard = await connected(createGuardRedis({ REDIS_URL: process.env.REDIS_URL! }));
    const limiter = new RateLimiter(guard, { limit: 1, windowMs: 60_000 }, new RedisOutage("rate limiting", recordingLogger().logger));
    const caller = `user:${randomUUID()}`;
    expect(await limiter.hit(caller)).toMatchObject({ allowed: true });
    const cache = new RedisQueryCache(guard, 60, new RedisOutage("persisted queries", recordingLogger().logger));
    await cache.set(`apq:${caller}`, "{ a }");

    // Both commands are sent, Redis answers at once, and the answers wait unread for longer than
    // the guards wait on Redis.
    const over = limiter.hit(caller);
    const cached = cache.get(`apq:${caller}`);
    busyFor(1_500);
    expect(await over).toMatchObject({ allowed: false, remaining: 0 });
    expect(await cached).toBe("{ a }");
    guard.disconnect();
  });

  it("gives up on a Redis that holds its commands, and the request goes on without it", async () => {
    const server = await scratchRedis();
    await server.start({ appendonly: false });
    const admin = await connected(createRedis(server.url));
    const guard = await connected(createGuardRedis({ REDIS_URL: server.url }));
    const { logger, lines } = recordingLogger();
    const limiter = new RateLimiter(guard, { limit: 1, windowMs: 60_000 }, new RedisOutage("rate limiting", logger));
    try {
      // Scripts wait while writes are paused; reads still answer, so the test can look inside.
      await admin.call("CLIENT", "PAUSE", "20000", "WRITE");
      expect(await limiter.hit("user:someone")).toBeUndefined();
      expect(await admin.exists("ratelimit:user:someone")).toBe(0);
      expect(lines.filter((l) => l.msg.includes("Redis unavailable"))).toHaveLength(1);
    } finally {
      await admin.call("CLIENT", "UNPAUSE");
      admin.disconnect();
      guard.disconnect();
      await server.close();
    }
  });
});

describe("persisted query cache", () => {
  it("keeps a query for its ttl", async () => {
    const cache = new RedisQueryCache(redis, 60, new RedisOutage("persisted queries", recordingLogger().logger));
    const key = `apq:${randomUUID()}`;
    await cache.set(key, "{ categories { slug } }", { ttl: 120 });
    expect(await cache.get(key)).toBe("{ categories { slug } }");
    expect(await redis.ttl(key)).toBeGreaterThan(100);
    await cache.set(key, "{ a }");
    expect(await redis.ttl(key)).toBeLessThanOrEqual(60);
    expect(await cache.delete(key)).toBe(true);
    expect(await cache.get(key)).toBeUndefined();
  });

  it("without Redis, misses and forgets instead of failing", async () => {
    const cache = new RedisQueryCache(unreachable, 60, new RedisOutage("persisted queries", recordingLogger().logger));
    await expect(cache.set("apq:x", "{ a }")).resolves.toBeUndefined();
    await expect(cache.get("apq:x")).resolves.toBeUndefined();
    await expect(cache.delete("apq:x")).resolves.toBe(false);
  });
});
