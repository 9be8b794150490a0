// In each worker, before its test files: point everything at the worker's own database.
import { databaseUrl, workerDatabaseName } from "@trolley/testing";

process.env.DATABASE_URL = databaseUrl(workerDatabaseName(process.env.VITEST_POOL_ID ?? "1"));
process.env.NODE_ENV = "test";
// Redis databases 1-15 are the workers' own (keys such as the cart activity index stay apart).
process.env.REDIS_URL = `redis://127.0.0.1:6379/${Number(process.env.VITEST_POOL_ID ?? "1") % 16}`;
