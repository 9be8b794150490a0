// The supergraph file watcher on its own, with a recording `update` in place of the gateway: what
// it hands over, what it refuses, and that it stops.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SupergraphFileManager } from "../src/supergraph-file-manager.js";
import { eventually } from "../../test/support/eventually.js";

const served = readFileSync(new URL("../supergraph.graphql", import.meta.url), "utf8");
/** Another valid supergraph: the same one, with a comment that changes its hash. */
const revision = (n: number) => `${served}# revision ${n}\n`;
/** Long enough for a change event, the debounce and several polls. */
const settle = () => sleep(300);

let dir: string;
let file: string;
let updates: string[];
let errors: string[];
let stop: (() => Promise<void>) | undefined;

async function watchFile() {
  const log = (into: string[]) => (msg: string) => void into.push(msg);
  const logger = { error: log(errors), warn: log(errors), info: () => {}, debug: () => {}, child: () => logger };
  const manager = new SupergraphFileManager({ path: file, pollIntervalMs: 50, logger });
  const { supergraphSdl, cleanup } = await manager.initialize({
    update: (sdl) => void updates.push(sdl),
    healthCheck: async () => {},
    getDataSource: () => {
      throw new Error("not used");
    },
  });
  stop = cleanup;
  return supergraphSdl;
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "trolley-watch-"));
  file = join(dir, "supergraph.graphql");
  await writeFile(file, served);
  updates = [];
  errors = [];
});
afterEach(async () => {
  await stop?.();
  rmSync(dir, { recursive: true, force: true });
});

describe("the supergraph file manager", () => {
  it("starts with the file, and hands over a changed file once", async () => {
    expect(await watchFile()).toBe(served);
    await writeFile(file, revision(2));
    await eventually(async () => expect(updates).toEqual([revision(2)]), 5000);
    await writeFile(file, revision(2));
    await settle();
    expect(updates).toEqual([revision(2)]);
  });

  it("follows a file replaced by a rename, as an atomic deploy does", async () => {
    await watchFile();
    await writeFile(join(dir, "next.tmp"), revision(3));
    await rename(join(dir, "next.tmp"), file);
    await eventually(async () => expect(updates).toEqual([revision(3)]), 5000);
  });

  it("ignores what is not a supergraph, reports it once, and keeps watching", async () => {
    await watchFile();
    await writeFile(file, served.slice(0, served.length / 2));
    await settle();
    await writeFile(file, "type Query { hello: String }\n");
    await settle();
    expect(updates).toEqual([]);
    // At least one report per bad content (a write caught half-way is one more), none per poll.
    const reported = errors.length;
    expect(reported).toBeGreaterThanOrEqual(2);
    expect(errors.every((msg) => msg.startsWith("supergraph file ignored"))).toBe(true);
    await settle();
    expect(errors).toHaveLength(reported);

    await writeFile(file, revision(4));
    await eventually(async () => expect(updates).toEqual([revision(4)]), 5000);
  });

  it("keeps serving when the file disappears, and picks it up when it is back", async () => {
    await watchFile();
    rmSync(file);
    await settle();
    expect(errors).toEqual([expect.stringMatching(/^supergraph file unreadable/)]);
    await writeFile(file, revision(5));
    await eventually(async () => expect(updates).toEqual([revision(5)]), 5000);
  });

  it("hands over nothing once cleaned up", async () => {
    await watchFile();
    await stop!();
    stop = undefined;
    await writeFile(file, revision(6));
    await settle();
    expect(updates).toEqual([]);
  });
});
