// `vite build` (mode production) ships no trace of the development sign-in: not its endpoint, not
// its page, not its link. The browser tests' build (mode e2e) keeps it, which shows the check
// looks at the right thing.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildStorefront } from "../browser/storefront-harness.js";

const TRACES = ["/dev/sign-in", "dev/sign-in", "Development sign-in", "/sign-in", "Sign in"];
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function builtText(mode: "production" | "e2e"): string {
  const out = mkdtempSync(join(tmpdir(), `trolley-storefront-${mode}-`));
  folders.push(out);
  buildStorefront(out, mode);
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
  return files.map((f) => readFileSync(join(f.parentPath, f.name), "utf8")).join("\n");
}

describe("the storefront's production build", () => {
  it("contains no trace of the development sign-in", () => {
    const production = builtText("production");
    expect(production).toContain("startGuestSession");
    for (const trace of TRACES) expect(production, trace).not.toContain(trace);
  }, 60_000);

  it("while the browser tests' build does", () => {
    const e2e = builtText("e2e");
    expect(e2e).toContain("/dev/sign-in");
  }, 60_000);
});
