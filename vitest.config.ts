import { defineConfig } from "vitest/config";
import { MAX_WORKERS } from "./test/workers.js";

export default defineConfig({
  // graphql 16's "main" has no extension; probing .mjs first would load a second copy of graphql.
  resolve: { extensions: [".js", ".mjs", ".ts", ".json"] },
  test: {
    include: ["libs/*/test/**/*.test.ts", "subgraphs/*/test/**/*.test.ts", "gateway/test/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/worker-setup.ts"],
    pool: "forks",
    maxWorkers: MAX_WORKERS,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
