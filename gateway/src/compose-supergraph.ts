// Composition: the subgraphs' SDL in, the supergraph SDL out (what the gateway serves in
// production). A composition error is fatal and lists every problem composition found.
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export class CompositionFailed extends Error {
  constructor(readonly problems: string[]) {
    super(`supergraph composition failed:\n  ${problems.join("\n  ")}`);
    this.name = "CompositionFailed";
  }
}

export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors?.length) throw new CompositionFailed(result.errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`));
  return `${result.supergraphSdl}\n`;
}
