// `pnpm compose`: prints each subgraph's SDL to its schema.graphql and composes the supergraph
// into gateway/supergraph.graphql. It refuses a supergraph that breaks clients, compared with the
// committed one (what the gateways serve): a type, field, argument or enum value removed or
// retyped, a new required argument, or a name of contract/public-api.graphql dropped. Dangerous
// changes (a new enum value, a changed default) are printed as warnings. Fails loudly on a
// composition error.
//
//   pnpm compose                   writes the files; writes nothing when it refuses
//   pnpm compose --check           writes nothing; fails if a committed file is out of date
//   pnpm compose --check --subgraph cart=proposed.graphql
//                                  composes with that SDL in place of the cart's current one and
//                                  reports composition errors and breaking changes: what a subgraph
//                                  team's CI runs before deploying (repeatable, one per subgraph)
//   --allow-breaking               accepts the breaking changes, and lists what it allowed
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parse } from "graphql";
import { apiSchemaOf, schemaChanges, type SchemaChanges } from "../gateway/src/breaking-changes.js";
import { composeSupergraph, CompositionFailed } from "../gateway/src/compose-supergraph.js";
import { readContract } from "../gateway/src/contract-check.js";
import { subgraphNames } from "../gateway/src/subgraph-list.js";
import { printSubgraphs, sdlPath, SUPERGRAPH_PATH } from "./subgraph-schemas.js";

const USAGE = "usage: pnpm compose [--check [--subgraph <name>=<sdl file>]...] [--allow-breaking]";

class UsageError extends Error {}

function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        check: { type: "boolean", default: false },
        "allow-breaking": { type: "boolean", default: false },
        subgraph: { type: "string", multiple: true, default: [] },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // The committed schema files are printed from code: a proposed SDL can be checked, never written.
  if (values.subgraph.length && !values.check) throw new UsageError("--subgraph only goes with --check");
  return { check: values.check, allowBreaking: values["allow-breaking"], subgraph: values.subgraph };
}

/** "cart=path/to/proposed.graphql" (path relative to the repository root) → the cart's proposed SDL. */
async function readProposals(specs: string[]): Promise<Map<string, string>> {
  const proposals = new Map<string, string>();
  for (const spec of specs) {
    const at = spec.indexOf("=");
    const [name, path] = [spec.slice(0, at), spec.slice(at + 1)];
    if (at < 1 || !path) throw new UsageError(`--subgraph ${spec}: expected <name>=<sdl file>`);
    if (!(subgraphNames as readonly string[]).includes(name)) throw new UsageError(`--subgraph ${spec}: no subgraph "${name}" (${subgraphNames.join(", ")})`);
    if (proposals.has(name)) throw new UsageError(`--subgraph ${name} given twice`);
    const sdl = await readFile(path, "utf8").catch((error: Error) => {
      throw new UsageError(`--subgraph ${spec}: ${error.message}`);
    });
    try {
      parse(sdl);
    } catch (error) {
      throw new CompositionFailed([`proposed ${name} schema (${path}) is not valid SDL: ${(error as Error).message}`]);
    }
    proposals.set(name, sdl);
  }
  return proposals;
}

/** The committed supergraph's API schema, what clients use today; null when there is none to compare with. */
async function servedApiSchema() {
  const sdl = await readFile(SUPERGRAPH_PATH, "utf8").catch(() => null);
  try {
    if (sdl !== null) return apiSchemaOf(sdl);
    console.warn(`warning: no ${SUPERGRAPH_PATH} yet: only the public contract is checked`);
  } catch (error) {
    console.warn(`warning: ${SUPERGRAPH_PATH} is not a valid supergraph (${(error as Error).message}): only the public contract is checked`);
  }
  return null;
}

/** Prints the changes; false when they must be refused. */
function accept({ breaking, dangerous, agreed }: SchemaChanges, allowBreaking: boolean): boolean {
  for (const change of dangerous) console.warn(`warning (dangerous change): ${change}`);
  for (const change of agreed) console.log(`agreed contract change: ${change}`);
  if (!breaking.length) return true;
  const list = breaking.map((change) => `\n  ${change}`).join("");
  if (allowBreaking) {
    console.log(`allowed by --allow-breaking (${breaking.length} breaking change${breaking.length === 1 ? "" : "s"}):${list}`);
    return true;
  }
  console.error(`breaking changes for clients, compared with ${SUPERGRAPH_PATH} (${breaking.length}):${list}`);
  console.error("refused: change the schema in steps clients can follow (add, migrate clients, then remove), or rerun with --allow-breaking");
  return false;
}

try {
  const { check, allowBreaking, subgraph } = readOptions();
  const proposals = await readProposals(subgraph);
  const printed = await printSubgraphs();
  const supergraph = composeSupergraph(printed.map((s) => ({ ...s, sdl: proposals.get(s.name) ?? s.sdl })));
  const changes = schemaChanges(await servedApiSchema(), apiSchemaOf(supergraph), readContract());
  if (!accept(changes, allowBreaking)) process.exit(1);
  if (proposals.size) {
    const verdict = changes.breaking.length ? "breaking changes allowed" : "no breaking change";
    console.log(`proposed ${[...proposals.keys()].join(", ")} schema: composes, ${verdict}`);
    process.exit(0);
  }

  const files = new Map<string, string>(printed.map((s) => [sdlPath(s.name as never), `${s.sdl.trim()}\n`]));
  files.set(SUPERGRAPH_PATH, supergraph);
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
  console.log(check ? "supergraph is up to date" : `composed ${printed.length} subgraphs into ${SUPERGRAPH_PATH}`);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error instanceof CompositionFailed ? error.message : error);
  process.exit(1);
}
