// Once per test run: migrate and seed a template database, then give every worker its own copy.
import { execFileSync } from "node:child_process";
import { databaseUrl, recreateDatabase, TEMPLATE_DATABASE, workerDatabaseName } from "@trolley/testing";
import { MAX_WORKERS } from "./workers.js";

export default async function setup() {
  await recreateDatabase(TEMPLATE_DATABASE);
  const env = { ...process.env, DATABASE_URL: databaseUrl(TEMPLATE_DATABASE) };
  execFileSync(process.execPath, ["scripts/prisma-all.mjs", "migrate", "deploy"], { env, stdio: "pipe" });
  execFileSync(process.execPath, ["--import", "tsx", "prisma/catalog/seed.ts"], { env, stdio: "pipe" });
  // Copies are made here, one after another: CREATE DATABASE ... TEMPLATE refuses concurrent use.
  for (let worker = 1; worker <= MAX_WORKERS; worker++) await recreateDatabase(workerDatabaseName(worker), TEMPLATE_DATABASE);
}
