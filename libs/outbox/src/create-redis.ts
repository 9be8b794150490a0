// The Redis client every context uses for its stream. Redis carries events and caches, never the
// truth (that is Postgres, and the outbox keeps events until they are sent), so a request must
// never wait on a dead Redis: commands fail at once while it is down and the client keeps
// reconnecting in the background. The same holds for a Redis Cluster (REDIS_CLUSTER=on): callers
// get a RedisClient and do not know which it is.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";

/** A single Redis or a Redis Cluster: every command the code uses works on both. */
export type RedisClient = Redis | Cluster;

/** Where Redis is: the REDIS_URL and REDIS_CLUSTER of a process's config (libs/config `common`). */
export interface RedisSettings {
  REDIS_URL: string;
  /** on: REDIS_URL is one node of a Redis Cluster, and the client discovers the others from it. */
  REDIS_CLUSTER?: "on" | "off";
}

// How long a connected Redis may take to answer before a command fails.
const COMMAND_TIMEOUT_MS = 5_000;

const DEFAULTS: RedisOptions = {
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
};

/** A bare URL is a single Redis (tests, scripts); a process passes its config. */
export function createRedis(target: string, overrides?: RedisOptions): Redis;
export function createRedis(target: RedisSettings, overrides?: RedisOptions): RedisClient;
export function createRedis(target: string | RedisSettings, overrides: RedisOptions = {}): RedisClient {
  const settings = typeof target === "string" ? { REDIS_URL: target } : target;
  const options = { ...DEFAULTS, ...overrides };
  const redis = settings.REDIS_CLUSTER === "on" ? new Cluster([seedNode(settings.REDIS_URL)], clusterOptions(settings.REDIS_URL, options)) : new Redis(settings.REDIS_URL, options);
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
export function createBlockingRedis(target: string, blockMs: number, overrides?: RedisOptions): Redis;
export function createBlockingRedis(target: RedisSettings, blockMs: number, overrides?: RedisOptions): RedisClient;
export function createBlockingRedis(target: string | RedisSettings, blockMs: number, overrides: RedisOptions = {}): RedisClient {
  return createRedis(target as RedisSettings, { commandTimeout: blockMs + COMMAND_TIMEOUT_MS, ...overrides });
}

/** The commandTimeout each command of `redis` runs under (a cluster's is its nodes'). */
export function commandTimeoutOf(redis: RedisClient): number | undefined {
  return redis instanceof Cluster ? redis.options.redisOptions?.commandTimeout : redis.options.commandTimeout;
}

/** The logical database `redis` works in: a cluster has only database 0. */
export function databaseOf(redis: RedisClient): number {
  return redis instanceof Cluster ? 0 : (redis.options.db ?? 0);
}

function seedNode(url: string): { host: string; port: number } {
  const { hostname, port, pathname } = new URL(url);
  // A cluster has database 0 only; a URL naming another is a mistake to refuse at start.
  if (pathname.replace(/^\//, "") && pathname !== "/0") throw new RangeError(`REDIS_URL ${pathname} names a database; a Redis Cluster has only database 0.`);
  return { host: hostname.replace(/^\[|\]$/g, ""), port: Number(port || 6379) };
}

// The same behaviour spelled in a cluster's terms: the queueing and reconnecting belong to the
// cluster client, while credentials, TLS and timeouts go to each node's connection.
function clusterOptions(url: string, options: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, retryStrategy, lazyConnect, ...nodeOptions } = options;
  const { protocol, username, password } = new URL(url);
  return {
    enableOfflineQueue,
    lazyConnect,
    clusterRetryStrategy: retryStrategy ? (times) => retryStrategy(times) : () => null,
    // The slot map is asked for at connect and every few seconds; 1 s (the default) is short
    // enough for a busy process's event loop to miss it, and a miss takes the client down to
    // reconnect, failing every command meanwhile.
    slotsRefreshTimeout: COMMAND_TIMEOUT_MS,
    redisOptions: {
      ...nodeOptions,
      ...(username ? { username: decodeURIComponent(username) } : {}),
      ...(password ? { password: decodeURIComponent(password) } : {}),
      ...(protocol === "rediss:" ? { tls: {} } : {}),
    },
  };
}
