#!/usr/bin/env node
// `node scripts/migrate-context.mjs <context>`: applies one bounded context's migrations, so a team
// deploying one subgraph migrates only its own context (each subgraph's `migrate` script and its
// Docker image run this before starting). Also the one offline invocation of the Prisma CLI that
// scripts/prisma-all.mjs runs for every context.
import { spawnSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const contexts = ["catalog", "cart", "order", "payment", "pricing", "shipping"];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `prisma <args> --config prisma/<context>/prisma.config.ts`; false (with the CLI's output printed) on failure. */
export function runPrisma(context, args) {
  const config = join(root, "prisma", context, "prisma.config.ts");
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "prisma", "build", "index.js"), ...args, "--config", config],
    { stdio: ["ignore", "pipe", "pipe"], cwd: root, env: { CHECKPOINT_DISABLE: "1", ...process.env } },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    if (result.error) console.error(result.error.message);
    console.error(`prisma ${args.join(" ")} failed for ${context}`);
    return false;
  }
  console.log(`prisma ${args.join(" ")}: ${context} ok`);
  return true;
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const context = process.argv[2];
  if (!contexts.includes(context) || process.argv.length !== 3) {
    console.error(`usage: migrate-context.mjs <${contexts.join("|")}>`);
    process.exit(2);
  }
  process.exit(runPrisma(context, ["migrate", "deploy"]) ? 0 : 1);
}
