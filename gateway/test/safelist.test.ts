// The safelist: what the manifest must look like, and which requests it lets through.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GraphQLRequest } from "@apollo/server";
import { ConfigError } from "@trolley/config";
import { loadPersistedQueryManifest } from "../src/persisted-queries/persisted-query-manifest.js";
import { queryHash } from "../src/persisted-queries/query-hash.js";
import { safelist } from "../src/persisted-queries/safelist.js";

const GUEST = "mutation StartGuestSession { startGuestSession { token expiresAt } }";
const dir = mkdtempSync(join(tmpdir(), "trolley-manifest-"));
const manifestFile = (content: unknown) => {
  const path = join(dir, `${Math.random()}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};

describe("persisted query manifest", () => {
  it("maps each registered id to its text", () => {
    const path = manifestFile({ format: "apollo-persisted-query-manifest", version: 1, operations: [{ id: queryHash(GUEST), body: GUEST, name: "StartGuestSession", type: "mutation" }] });
    expect(loadPersistedQueryManifest(path)).toEqual(new Map([[queryHash(GUEST), GUEST]]));
  });

  it("refuses to start without a file, with a malformed one, or with an id that is not its body's hash", () => {
    expect(() => loadPersistedQueryManifest(undefined)).toThrow(ConfigError);
    expect(() => loadPersistedQueryManifest(join(dir, "missing.json"))).toThrow(/cannot read/);
    expect(() => loadPersistedQueryManifest(manifestFile("{ not json"))).toThrow(/cannot read/);
    expect(() => loadPersistedQueryManifest(manifestFile({ operations: [{ id: 1 }] }))).toThrow(ConfigError);
    expect(() => loadPersistedQueryManifest(manifestFile({ operations: [{ id: queryHash("{ a }"), body: GUEST }] }))).toThrow(/not the SHA-256/);
  });
});

describe("safelist", () => {
  const check = safelist(new Map([[queryHash(GUEST), GUEST]]));
  const codeOf = (request: GraphQLRequest) => check(request)?.extensions.code;

  it("accepts a registered id alone, and fills in its text", () => {
    const request: GraphQLRequest = { extensions: { persistedQuery: { version: 1, sha256Hash: queryHash(GUEST) } } };
    expect(check(request)).toBeUndefined();
    expect(request.query).toBe(GUEST);
    expect(request.extensions).toEqual({});
  });

  it("accepts the registered text itself", () => {
    expect(check({ query: GUEST })).toBeUndefined();
  });

  it("refuses other text (even the same operation written differently) and unknown ids", () => {
    expect(codeOf({ query: "{ products { totalCount } }" })).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    expect(codeOf({ query: GUEST.replace("  ", " ") + " " })).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    expect(codeOf({ extensions: { persistedQuery: { version: 1, sha256Hash: queryHash("{ a }") } } })).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    expect(codeOf({})).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
  });
});
