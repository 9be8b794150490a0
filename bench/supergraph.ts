// The one supergraph both gateways serve: the committed gateway/supergraph.graphql with each
// subgraph's URL (recorded on the default ports 4001-4006) pointed at the bench's ports.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export type SubgraphUrls = Record<"catalog" | "cart" | "order" | "payment" | "pricing" | "shipping", string>;

export function writeBenchSupergraph(source: string, urls: SubgraphUrls, directory: string): string {
  let sdl = readFileSync(source, "utf8");
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`${source} has no @join__graph for subgraph "${name}"`);
    sdl = sdl.replace(pattern, `$1${url}$2`);
  }
  const path = join(directory, "supergraph.graphql");
  writeFileSync(path, sdl);
  return path;
}
