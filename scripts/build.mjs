#!/usr/bin/env node
// `pnpm build`: compiles every package that production runs to JavaScript with source maps, each
// into its own dist/ (what `pnpm deploy` puts in an image), the generated Prisma clients included.
// Each package's tsconfig.build.json says what and how (`tsc -p <pkg>/tsconfig.build.json` gives
// the same files); this script transpiles all of them in one process, file by file (the code is
// written for isolatedModules), which is several times faster than one tsc per package. Types are
// checked by `pnpm typecheck`, once, over the whole workspace, not here. Compiled code finds the
// compiled libs through the "trolley-compiled" export condition (README, Development).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const builtPackages = [
  "libs/config",
  "libs/errors",
  "libs/federation",
  "libs/http",
  "libs/identity",
  "libs/outbox",
  "libs/telemetry",
  "subgraphs/catalog",
  "subgraphs/cart",
  "subgraphs/order",
  "subgraphs/payment",
  "subgraphs/pricing",
  "subgraphs/shipping",
  "gateway",
];

function readBuildConfig(dir) {
  const path = join(root, dir, "tsconfig.build.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(path, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (parsed.errors.length) throw new Error(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n"));
  return parsed;
}

/** Compiles one package into its dist/; the number of files written. */
function compile(dir) {
  const { options, fileNames } = readBuildConfig(dir);
  // A file deleted from src must not live on in dist.
  rmSync(options.outDir, { recursive: true, force: true });
  // Every package is "type": "module", which tsc reads from package.json and a single file cannot.
  const esm = { ...options, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  let count = 0;
  for (const source of fileNames) {
    if (source.endsWith(".d.ts")) continue;
    const out = join(options.outDir, relative(options.rootDir, source)).replace(/\.ts$/, ".js");
    const { outputText, sourceMapText, diagnostics } = ts.transpileModule(readFileSync(source, "utf8"), { compilerOptions: esm, fileName: source, reportDiagnostics: true });
    if (diagnostics?.length) throw new Error(`${source}: ${diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("; ")}`);
    mkdirSync(dirname(out), { recursive: true });
    // Same map as tsc writes: the source named relative to the map, so stack traces point at src/.
    const map = JSON.parse(sourceMapText);
    map.file = basename(out);
    map.sources = [relative(dirname(out), source)];
    writeFileSync(out, outputText.replace(/\/\/# sourceMappingURL=.*$/, `//# sourceMappingURL=${basename(out)}.map`));
    writeFileSync(`${out}.map`, JSON.stringify(map));
    count++;
  }
  return count;
}

const started = Date.now();
try {
  let files = 0;
  for (const dir of builtPackages) files += compile(dir);
  console.log(`built ${builtPackages.length} packages (${files} files) into their dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(error.message);
  process.exitCode = 1;
}
