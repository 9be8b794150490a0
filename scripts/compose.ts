// `pnpm compose`: prints each subgraph's SDL to its schema.graphql and composes the supergraph
// into gateway/supergraph.graphql. `pnpm compose --check` writes nothing and fails if a committed
// file is out of date. Either fails loudly on a composition error.
import { readFile, writeFile } from "node:fs/promises";
import { composeSupergraph, CompositionFailed } from "../gateway/src/compose-supergraph.js";
import { printSubgraphs, sdlPath, SUPERGRAPH_PATH } from "./subgraph-schemas.js";

const check = process.argv.includes("--check");

try {
  const subgraphs = await printSubgraphs();
  const files = new Map<string, string>(subgraphs.map((s) => [sdlPath(s.name as never), `${s.sdl.trim()}\n`]));
  files.set(SUPERGRAPH_PATH, composeSupergraph(subgraphs));
  const stale: string[] = [];
  for (const [path, content] of files) {
    const current = await readFile(path, "utf8").catch(() => null);
    if (current === content) continue;
    if (check) stale.push(path);
    else await writeFile(path, content);
  }
  if (stale.length) {
    console.error(`out of date (run pnpm compose): ${stale.join(", ")}`);
    process.exit(1);
  }
  console.log(check ? "supergraph is up to date" : `composed ${subgraphs.length} subgraphs into ${SUPERGRAPH_PATH}`);
} catch (error) {
  console.error(error instanceof CompositionFailed ? error.message : error);
  process.exit(1);
}
