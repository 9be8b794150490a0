// How a process of ours is started: from its TypeScript source through tsx (development, tests),
// or from its compiled dist/ with plain node (production, `pnpm start`, the bench). The one place
// that knows the difference, so every launcher runs the same thing.
export type RunMode = "source" | "compiled";

/** The node arguments that run `packageDir`'s main (e.g. "subgraphs/catalog"), paths relative to the repo root. */
export function serviceArgs(packageDir: string, mode: RunMode): string[] {
  return mode === "compiled"
    ? // The condition makes @trolley/* resolve to their dist/ (their package.json "exports").
      ["--enable-source-maps", "--conditions=trolley-compiled", `${packageDir}/dist/main.js`]
    : ["--import", "tsx", `${packageDir}/src/main.ts`];
}
