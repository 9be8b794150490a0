// Once per test run: migrate and seed a template database, then give every worker its own copy.
// Database names carry the run's process id, so two runs on one machine never share or drop each
// other's databases; a run's databases are dropped when it ends, and those of runs that died
// (their process is gone) are dropped by the next run.
import { execFileSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { databaseUrl, dropDatabases, listDatabases, recreateDatabase, runDatabaseNames } from "@trolley/testing";
import { MAX_WORKERS } from "./workers.js";

declare module "vitest" {
  export interface ProvidedContext {
    testRun: string;
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
  execFileSync(process.execPath, ["--import", "tsx", "prisma/catalog/seed.ts"], { env, stdio: "pipe" });
  // Copies are made here, one after another: CREATE DATABASE ... TEMPLATE refuses concurrent use.
  for (let worker = 1; worker <= MAX_WORKERS; worker++) await recreateDatabase(names.worker(worker), names.template);
  project.provide("testRun", run);

  return async () => {
    await dropDatabases([names.template, ...Array.from({ length: MAX_WORKERS }, (_, i) => names.worker(i + 1))]);
  };
}
