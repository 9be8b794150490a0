#!/usr/bin/env node
// Runs one Prisma CLI command for every bounded context: `node scripts/prisma-all.mjs migrate deploy`.
// Each context has its own folder under prisma/ (schema, migrations, config) and its own Postgres schema.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const contexts = ["catalog", "cart", "order", "payment"];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: prisma-all.mjs <prisma command...>");
  process.exit(2);
}
for (const context of contexts) {
  const config = join(root, "prisma", context, "prisma.config.ts");
  const result = spawnSync(
    process.execPath,
    [join(root, "node_modules", "prisma", "build", "index.js"), ...args, "--config", config],
    { stdio: ["ignore", "pipe", "pipe"], cwd: root, env: { CHECKPOINT_DISABLE: "1", ...process.env } },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    console.error(`prisma ${args.join(" ")} failed for ${context}`);
    process.exit(result.status ?? 1);
  }
  console.log(`prisma ${args.join(" ")}: ${context} ok`);
}
