// The storefront's generated operation types (storefront/src/gql/) are what codegen makes now from
// the contract and the .graphql operations: regenerated into a temporary folder and compared.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateTypes } from "../../storefront/tools/generate-types.ts";

const committed = fileURLToPath(new URL("../../storefront/src/gql/", import.meta.url));
const fresh = mkdtempSync(join(tmpdir(), "trolley-codegen-"));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

describe("the storefront's generated types", () => {
  it("are current (run pnpm storefront:codegen after changing an operation or the contract)", async () => {
    await generateTypes(fresh);
    const files = readdirSync(fresh).sort();
    expect(readdirSync(committed).sort()).toEqual(files);
    for (const file of files) expect(readFileSync(join(committed, file), "utf8"), file).toBe(readFileSync(join(fresh, file), "utf8"));
  }, 60_000);
});
