// The bench database: created fresh for every run (dropped first if a previous run left it),
// migrated and seeded the way `pnpm start` does it, given stock for the checkout benchmark, and
// dropped at the end. Also empties the bench's own Redis database (streams, consumer groups).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { Redis } from "ioredis";
import { databaseUrl, type BenchSettings } from "./settings.js";

const run = promisify(execFile);

/** Enough that no checkout in any run can be refused for stock. */
const BENCH_STOCK = 1_000_000;

async function withServer<T>(settings: BenchSettings, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: settings.databaseServer });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function dropBenchDatabase(settings: BenchSettings): Promise<void> {
  await withServer(settings, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(settings.databaseName)} WITH (FORCE)`));
}

export async function createBenchDatabase(settings: BenchSettings): Promise<void> {
  await dropBenchDatabase(settings);
  await withServer(settings, (client) => client.query(`CREATE DATABASE ${quoted(settings.databaseName)}`));
  const env = { ...process.env, DATABASE_URL: databaseUrl(settings) };
  await run(process.execPath, ["scripts/prisma-all.mjs", "migrate", "deploy"], { env });
  for (const seed of ["prisma/catalog/seed.ts", "prisma/pricing/seed.ts", "prisma/shipping/seed.ts"]) await run(process.execPath, ["--import", "tsx", seed], { env });
  const db = new pg.Client({ connectionString: databaseUrl(settings) });
  await db.connect();
  try {
    await db.query(`UPDATE "catalog"."product" SET "stock_on_hand" = $1, "stock_reserved" = 0`, [BENCH_STOCK]);
  } finally {
    await db.end();
  }
}

/** The bench's Redis database starts and ends empty, so no stream or group outlives a run. */
export async function flushBenchRedis(settings: BenchSettings): Promise<void> {
  const redis = new Redis(settings.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
}
