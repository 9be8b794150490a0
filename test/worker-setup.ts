// In each worker, before its test files: point everything at the worker's own database.
import { inject } from "vitest";
import { databaseUrl, runDatabaseNames } from "@trolley/testing";

const worker = Number(process.env.VITEST_POOL_ID ?? "1");
process.env.DATABASE_URL = databaseUrl(runDatabaseNames(inject("testRun")).worker(worker));
process.env.NODE_ENV = "test";
// Redis databases 1-15 are the workers' own (keys such as the cart activity index stay apart).
// TEST_REDIS_URL points a run at another Redis server, so runs side by side never share a database.
const redisServer = new URL(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
redisServer.pathname = `/${worker % 16}`;
process.env.REDIS_URL = redisServer.toString();
