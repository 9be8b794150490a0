// Once per test run: migrate and seed a template database, then give every worker its own copy.
// Database names carry the run's process id, so two runs on one machine never share or drop each
// other's databases; a run's databases are dropped when it ends, and those of runs that died
// (their process is gone) are dropped by the next run. Redis likewise: the run claims a block of
// databases of its own on the test Redis server (redis-block.ts) and lets go of it at the end.
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { databaseUrl, dropDatabases, listDatabases, recreateDatabase, runDatabaseNames } from "@trolley/testing";
import { claimRedisBlock } from "./redis-block.js";
import { MAX_WORKERS } from "./workers.js";

declare module "vitest" {
  export interface ProvidedContext {
    testRun: string;
    /** The run's first Redis database; worker N uses this one plus N - 1. */
    redisDatabase: number;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export default async function setup(project: TestProject) {
  // First: a run that cannot have Redis databases of its own stops before it builds anything.
  const redisBlock = await claimRedisBlock(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379", MAX_WORKERS);
  project.provide("redisDatabase", redisBlock.first);
  try {
    return await prepare(project, () => redisBlock.release());
  } catch (error) {
    await redisBlock.release();
    throw error;
  }
}

async function prepare(project: TestProject, releaseRedis: () => Promise<void>) {
  const run = String(process.pid);
  const stale = (await listDatabases("trolley_t")).filter((name) => {
    const pid = Number(/^trolley_t(\d+)_/.exec(name)?.[1]);
    return pid && pid !== process.pid && !alive(pid);
  });
  await dropDatabases(stale);

  const names = runDatabaseNames(run);
  await recreateDatabase(names.template);
  const env = { ...process.env, DATABASE_URL: databaseUrl(names.template) };
  execFileSync(process.execPath, ["scripts/prisma-all.mjs", "migrate", "deploy"], { env, stdio: "pipe" });
  for (const seed of ["prisma/catalog/seed.ts", "prisma/pricing/seed.ts", "prisma/shipping/seed.ts"]) execFileSync(process.execPath, ["--import", "tsx", seed], { env, stdio: "pipe" });
  // Copies are made here, one after another: CREATE DATABASE ... TEMPLATE refuses concurrent use.
  for (let worker = 1; worker <= MAX_WORKERS; worker++) await recreateDatabase(names.worker(worker), names.template);
  project.provide("testRun", run);

  return async () => {
    try {
      await dropDatabases([names.template, ...Array.from({ length: MAX_WORKERS }, (_, i) => names.worker(i + 1))]);
    } finally {
      await releaseRedis();
    }
  };
}
