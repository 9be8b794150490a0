// In each worker, before its test files: point everything at the worker's own database.
import { databaseUrl, workerDatabaseName } from "@trolley/testing";

process.env.DATABASE_URL = databaseUrl(workerDatabaseName(process.env.VITEST_POOL_ID ?? "1"));
process.env.NODE_ENV = "test";
