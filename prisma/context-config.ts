// Shared Prisma CLI configuration for one bounded context. Every context keeps its tables and its
// own _prisma_migrations in a Postgres schema of its own, so the contexts can be migrated and
// deployed independently while sharing one database server.
//
// The CLI runs fully offline: the WASM schema engine through the pg driver adapter ("js" engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// Set before anything else: an unparsable schema makes the 6.x CLI fall back to downloading engines.
process.env.CHECKPOINT_DISABLE ??= "1";
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/trolley";

// Paths are relative to the config file, which sits in the context's own folder.
export function contextConfig(schema: string) {
  const connectionString = process.env.DATABASE_URL!;
  return defineConfig({
    experimental: { adapter: true },
    engine: "js",
    schema: "schema.prisma",
    migrations: { path: "migrations" },
    adapter: async () => new PrismaPg({ connectionString, options: `-c search_path=${schema}` }, { schema }),
  });
}
