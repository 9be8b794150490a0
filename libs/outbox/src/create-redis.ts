// The Redis client every context uses for its stream. Redis carries events and caches, never the
// truth (that is Postgres, and the outbox keeps events until they are sent), so a request must
// never wait on a dead Redis: commands fail at once while it is down and the client keeps
// reconnecting in the background.
import { Redis, type RedisOptions } from "ioredis";

// How long a connected Redis may take to answer before a command fails.
const COMMAND_TIMEOUT_MS = 5_000;

export function createRedis(url: string, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    // Without a connection, a command fails immediately instead of waiting in a queue that would
    // hold a request (or the relay's row locks) for as long as the outage lasts.
    enableOfflineQueue: false,
    // A command caught by a dropped connection is retried once after reconnecting, then fails.
    maxRetriesPerRequest: 1,
    // A connected Redis that stops answering fails commands too. Blocking reads (XREADGROUP
    // BLOCK) would fail whenever the stream stays quiet longer than this: see createBlockingRedis.
    commandTimeout: COMMAND_TIMEOUT_MS,
    lazyConnect: false,
    // Keep reconnecting for as long as the process lives, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...overrides,
  });
  // Without a listener, ioredis prints every failed reconnect. Callers see failures on their own
  // commands, and the relay logs an outage once when it starts and once when it ends.
  redis.on("error", () => {});
  return redis;
}

/**
 * A connection for one blocking stream reader (a StreamConsumer). Its own connection, because a
 * connection blocked in XREADGROUP answers nothing else until the block ends. Its commandTimeout
 * outlasts the block, so a quiet stream is not taken for a dead Redis, while a dead one still
 * fails the read instead of hanging it.
 */
export function createBlockingRedis(url: string, blockMs: number, overrides: RedisOptions = {}): Redis {
  return createRedis(url, { commandTimeout: blockMs + COMMAND_TIMEOUT_MS, ...overrides });
}
