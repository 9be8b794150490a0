#!/usr/bin/env node
// Runs one Prisma CLI command for every bounded context: `node scripts/prisma-all.mjs migrate deploy`.
// Each context has its own folder under prisma/ (schema, migrations, config) and its own Postgres schema;
// scripts/migrate-context.mjs migrates a single one (what a subgraph's deploy runs).
import { contexts, runPrisma } from "./migrate-context.mjs";

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: prisma-all.mjs <prisma command...>");
  process.exit(2);
}
for (const context of contexts) {
  if (!runPrisma(context, args)) process.exit(1);
}
