// In each worker, before its test files: point everything at the worker's own database.
import { inject } from "vitest";
import { databaseUrl, runDatabaseNames } from "@trolley/testing";

const worker = Number(process.env.VITEST_POOL_ID ?? "1");
process.env.DATABASE_URL = databaseUrl(runDatabaseNames(inject("testRun")).worker(worker));
process.env.NODE_ENV = "test";
// Each worker its own Redis database (keys such as the cart activity index stay apart), from the
// block of databases the run claimed (redis-block.ts), so runs side by side never share one either.
// TEST_REDIS_URL chooses the server.
const redisServer = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
redisServer.pathname = `/${inject("redisDatabase") + worker - 1}`;
process.env.REDIS_URL = redisServer.toString();

// Each test file starts from an empty Redis database: files of one worker run one after another,
// and what one leaves behind (a client address's guest sessions and requests counted by the rate
// limits, streams, caches) must not decide another's outcome.
{
  const { Redis } = await import("ioredis");
  const redis = new Redis(process.env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
