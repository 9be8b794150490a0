import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";
import { MAX_WORKERS } from "./test/workers.js";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * TROLLEY_COMPILED=1 runs the tests against what `pnpm build` made: every module of a built package
 * (the gateway, the subgraphs, the libs but the test helpers) is served from its dist/ instead of
 * its src/, however it is imported (by relative path from a test, or by package name). CI runs the
 * end-to-end tests this way once more, after the whole suite under tsx.
 */
function compiledSources(): Plugin {
  const built = new RegExp(`^${root}(gateway|subgraphs/[a-z-]+|libs/(?!testing/)[a-z-]+)/src/(.+)\\.ts$`);
  return {
    name: "trolley-compiled-sources",
    enforce: "pre",
    async resolveId(source, importer, options) {
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const match = resolved && built.exec(resolved.id);
      return match ? `${root}${match[1]}/dist/${match[2]}.js` : null;
    },
  };
}

export default defineConfig({
  plugins: process.env.TROLLEY_COMPILED === "1" ? [compiledSources()] : [],
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
