// The committed persisted query manifest holds exactly the storefront's operations as Apollo Client
// sends them, each id the SHA-256 of its body (what the gateway's safelist checks at start).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildManifest, MANIFEST_PATH, manifestText } from "../../storefront/tools/persisted-manifest.ts";
import { loadPersistedQueryManifest } from "../../gateway/src/persisted-queries/persisted-query-manifest.js";

describe("the storefront's persisted query manifest", () => {
  it("is current (run pnpm persisted-manifest after changing an operation)", () => {
    expect(readFileSync(MANIFEST_PATH, "utf8")).toBe(manifestText(buildManifest()));
  });

  it("names every operation once, with the SHA-256 of its body as its id, and the gateway accepts it", () => {
    const { format, version, operations } = buildManifest();
    expect({ format, version }).toEqual({ format: "apollo-persisted-query-manifest", version: 1 });
    expect(new Set(operations.map((o) => o.name)).size).toBe(operations.length);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(["Cart", "AddToCart", "Checkout", "PayOrder", "CartUpdated", "Products"]));
    for (const o of operations) expect(o.id).toBe(createHash("sha256").update(o.body).digest("hex"));
    expect(loadPersistedQueryManifest(MANIFEST_PATH).size).toBe(operations.length);
  });
});
