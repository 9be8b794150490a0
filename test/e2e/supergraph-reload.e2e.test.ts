// A gateway picks up a recomposed supergraph file while it serves: no restart, no request dropped,
// and a corrupt file changes nothing (the last good supergraph stays in service).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, print, visit } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleValue, scrapeMetrics, userToken } from "@trolley/testing";
import { composeSupergraph } from "../../gateway/src/compose-supergraph.js";
import { defaultSubgraphUrls, subgraphNames } from "../../gateway/src/subgraph-list.js";
import { sdlPath, SUPERGRAPH_PATH } from "../../scripts/subgraph-schemas.js";
import { eventually } from "@trolley/testing";
import { startStack, type Stack } from "../support/stack.js";

const CATEGORIES = `{ categories { slug } }`;
/** What the stream asks, valid before and after the change: the cart and the catalog, joined. */
const STREAM = `{ cart { totalQuantity } products(first: 3) { totalCount edges { node { name price { amount } } } } }`;

/** The committed subgraphs composed again, with one root field of the catalog gone. */
function supergraphWithoutQueryField(field: string): string {
  const withoutField = (sdl: string) =>
    print(visit(parse(sdl), { ObjectTypeDefinition: (node) => (node.name.value === "Query" ? { ...node, fields: node.fields?.filter((f) => f.name.value !== field) } : undefined) }));
  return composeSupergraph(
    subgraphNames.map((name) => {
      const sdl = readFileSync(sdlPath(name), "utf8");
      return { name, url: defaultSubgraphUrls[name], sdl: name === "catalog" ? withoutField(sdl) : sdl };
    }),
  );
}

const dir = mkdtempSync(join(tmpdir(), "trolley-supergraph-"));
const file = join(dir, "supergraph.graphql");
const served = readFileSync(SUPERGRAPH_PATH, "utf8");
let stack: Stack;
let token: string;

beforeAll(async () => {
  await writeFile(file, served);
  stack = await startStack({ env: { SUPERGRAPH_PATH: file, SUPERGRAPH_POLL_INTERVAL: "100ms" } });
  token = await userToken();
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Clients querying without pause, several at once; every answer that is not a clean 200 is kept. */
function startStream(clients = 4) {
  const failures: string[] = [];
  let answered = 0;
  let stopped = false;
  const client = async () => {
    while (!stopped) {
      try {
        const result = await stack.query(STREAM, {}, token);
        answered++;
        if (result.status !== 200 || result.errors) failures.push(`${result.status} ${JSON.stringify(result.errors)}`);
      } catch (error) {
        failures.push(`transport: ${(error as Error).message}`);
      }
    }
  };
  const running = Array.from({ length: clients }, client);
  return {
    failures,
    answered: () => answered,
    async stop() {
      stopped = true;
      await Promise.all(running);
    },
  };
}

describe("a gateway serving a supergraph file", () => {
  it("ignores a corrupt file, then swaps to a changed one under load without dropping a request", async () => {
    expect((await stack.query(CATEGORIES)).data?.categories.length).toBeGreaterThan(0);
    const stream = startStream();
    try {
      await eventually(async () => expect(stream.answered()).toBeGreaterThan(20));

      // Cut off mid-write: not a supergraph. The gateway logs it and keeps the one it serves.
      const ignored = async () => sampleValue(await scrapeMetrics(stack.gateway.metricsUrl), "trolley_supergraph_file_reads_total", { outcome: "ignored" });
      const ignoredBefore = await ignored();
      await writeFile(file, served.slice(0, served.length / 2));
      // Once the gateway has read the file and refused it (its read counter says so), not before.
      await eventually(async () => expect(await ignored()).toBeGreaterThan(ignoredBefore));
      const still = await stack.query(CATEGORIES);
      expect(still.errors).toBeUndefined();
      expect(still.data.categories.length).toBeGreaterThan(0);

      // The recomposed file, written in place as `pnpm compose` does: Query.categories is gone.
      const before = stream.answered();
      await writeFile(file, supergraphWithoutQueryField("categories"));
      await eventually(async () => {
        const refused = await stack.query(CATEGORIES);
        expect(refused.status).toBe(400);
        expect(refused.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      });
      expect(stream.answered()).toBeGreaterThan(before);
      const swapped = stream.answered();
      await eventually(async () => expect(stream.answered()).toBeGreaterThan(swapped + 20));
    } finally {
      await stream.stop();
    }
    expect(stream.failures).toEqual([]);
  });
});
