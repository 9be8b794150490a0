// The supergraph file watcher on its own, with a recording `update` in place of the gateway: what
// it hands over, what it refuses, and that it stops. Every wait is on a read the manager reports
// (onRead), so "nothing happened" is asserted only after the read that would have done it.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SupergraphFileManager, type SupergraphFileRead } from "../src/supergraph-file-manager.js";
import { eventually } from "@trolley/testing";

const served = readFileSync(new URL("../supergraph.graphql", import.meta.url), "utf8");
/** Another valid supergraph: the same one, with a comment that changes its hash. */
const revision = (n: number) => `${served}# revision ${n}\n`;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let dir: string;
let file: string;
let updates: string[];
let errors: string[];
let reads: SupergraphFileRead[];
let stop: (() => Promise<void>) | undefined;

async function watchFile(into = { updates, errors, reads }) {
  const log = (lines: string[]) => (msg: string) => void lines.push(msg);
  const logger = { error: log(into.errors), warn: log(into.errors), info: () => {}, debug: () => {}, child: () => logger };
  const manager = new SupergraphFileManager({ path: file, pollIntervalMs: 50, logger, onRead: (read) => void into.reads.push(read) });
  const { supergraphSdl, cleanup } = await manager.initialize({
    update: (sdl) => void into.updates.push(sdl),
    healthCheck: async () => {},
    getDataSource: () => {
      throw new Error("not used");
    },
  });
  stop = cleanup;
  return supergraphSdl;
}

/** Resolves once a read from now on did `outcome` with `content` (any content if unset). */
function readAs(outcome: SupergraphFileRead["outcome"], content?: string): Promise<unknown> {
  const from = reads.length;
  const expected = content === undefined ? expect.objectContaining({ outcome }) : { outcome, sha256: sha256(content) };
  return eventually(async () => expect(reads.slice(from)).toContainEqual(expected), 5000);
}

/** Replaces the file whole, as an atomic deploy does: no read can catch it half-written. */
async function replaceFile(content: string) {
  await writeFile(join(dir, "next.tmp"), content);
  await rename(join(dir, "next.tmp"), file);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "trolley-watch-"));
  file = join(dir, "supergraph.graphql");
  await writeFile(file, served);
  updates = [];
  errors = [];
  reads = [];
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
    const reread = readAs("unchanged", revision(2));
    await writeFile(file, revision(2));
    await reread;
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
    const half = served.slice(0, served.length / 2);
    const notSupergraph = "type Query { hello: String }\n";
    let read = readAs("ignored", half);
    await writeFile(file, half);
    await read;
    read = readAs("ignored", notSupergraph);
    await writeFile(file, notSupergraph);
    await read;
    expect(updates).toEqual([]);
    // At least one report per bad content (a write caught half-way is one more), none per read of
    // the same content again.
    const reported = errors.length;
    expect(reported).toBeGreaterThanOrEqual(2);
    expect(errors.every((msg) => msg.startsWith("supergraph file ignored"))).toBe(true);
    read = readAs("unchanged", notSupergraph);
    await replaceFile(notSupergraph);
    await read;
    expect(errors).toHaveLength(reported);

    await writeFile(file, revision(4));
    await eventually(async () => expect(updates).toEqual([revision(4)]), 5000);
  });

  it("keeps serving when the file disappears, and picks it up when it is back", async () => {
    await watchFile();
    const read = readAs("unreadable");
    rmSync(file);
    await read;
    expect(errors).toEqual([expect.stringMatching(/^supergraph file unreadable/)]);
    await writeFile(file, revision(5));
    await eventually(async () => expect(updates).toEqual([revision(5)]), 5000);
  });

  it("hands over nothing once cleaned up", async () => {
    await watchFile();
    await stop!();
    stop = undefined;
    // A second manager with the same settings, watching from now on, sees the change: by the time
    // it hands it over, the first would have too, had it still been watching.
    const witness = { updates: [] as string[], errors: [] as string[], reads: [] as SupergraphFileRead[] };
    await watchFile(witness);
    await writeFile(file, revision(6));
    await eventually(async () => expect(witness.updates).toEqual([revision(6)]), 5000);
    expect(updates).toEqual([]);
    expect(reads).toEqual([]);
  });
});
