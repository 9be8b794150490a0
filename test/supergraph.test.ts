// The committed supergraph must be what the subgraphs' code composes to.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeSupergraph, CompositionFailed } from "../gateway/src/compose-supergraph.js";
import { printSubgraphs, sdlPath, SUPERGRAPH_PATH } from "../scripts/subgraph-schemas.js";

describe("the supergraph", () => {
  it("is up to date with the subgraphs' code", async () => {
    const subgraphs = await printSubgraphs();
    for (const subgraph of subgraphs) expect(readFileSync(sdlPath(subgraph.name as never), "utf8"), subgraph.name).toBe(`${subgraph.sdl.trim()}\n`);
    expect(readFileSync(SUPERGRAPH_PATH, "utf8")).toBe(composeSupergraph(subgraphs));
  });

  it("fails composition loudly on a conflict", () => {
    const a = { name: "a", url: "http://a", sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { x: Int } type T @key(fields: "id") { id: ID! n: Int }` };
    const b = { name: "b", url: "http://b", sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { y: Int } type T @key(fields: "id") { id: ID! n: String }` };
    expect(() => composeSupergraph([a, b])).toThrow(CompositionFailed);
  });
});
