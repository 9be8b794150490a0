// Composition refuses a subgraph schema that breaks clients, compared with the committed supergraph
// (what the gateways serve) and with the public contract; `pnpm compose --check --subgraph` checks a
// proposed SDL file the same way, without touching the repository.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSchema } from "graphql";
import { afterAll, describe, expect, it } from "vitest";
import { apiSchemaOf, schemaChanges } from "../gateway/src/breaking-changes.js";
import { composeSupergraph } from "../gateway/src/compose-supergraph.js";
import { readContract } from "../gateway/src/contract-check.js";
import { defaultSubgraphUrls, subgraphNames } from "../gateway/src/subgraph-list.js";
import { sdlPath, SUPERGRAPH_PATH } from "../scripts/subgraph-schemas.js";

const served = readFileSync(SUPERGRAPH_PATH, "utf8");
const cartSdl = readFileSync(sdlPath("cart"), "utf8");
const contract = readContract();

/** The cart's committed SDL with one exact piece of text replaced (loudly, if it is no longer there). */
function cartWith(from: string, to: string): string {
  if (!cartSdl.includes(from)) throw new Error(`the cart SDL no longer contains ${JSON.stringify(from)}: update this test`);
  return cartSdl.replace(from, to);
}

/** The API schema clients would get if the cart's SDL were `sdl`. */
function apiWithCart(sdl: string) {
  const subgraphs = subgraphNames.map((name) => ({ name, url: defaultSubgraphUrls[name], sdl: name === "cart" ? sdl : readFileSync(sdlPath(name), "utf8") }));
  return apiSchemaOf(composeSupergraph(subgraphs));
}

const changesWithCart = (sdl: string) => schemaChanges(apiSchemaOf(served), apiWithCart(sdl), contract);

describe("a proposed subgraph schema", () => {
  it("is refused when it removes a field", () => {
    expect(changesWithCart(cartWith("  occurredAt: DateTime!\n", "")).breaking).toEqual(["FIELD_REMOVED: CartEvent.occurredAt was removed."]);
  });

  it("is refused when it retypes a field", () => {
    expect(changesWithCart(cartWith("totalQuantity: Int!", "totalQuantity: String!")).breaking).toEqual([
      "FIELD_CHANGED_KIND: Cart.totalQuantity changed type from Int! to String!.",
      "CONTRACT: Cart.totalQuantity is String!, the contract says Int! (contract/public-api.graphql)",
    ]);
  });

  it("is refused when a field gets a new required argument", () => {
    expect(changesWithCart(cartWith("  customerCart(ownerId: String!): Cart\n", "  customerCart(ownerId: String!, channel: String!): Cart\n")).breaking).toEqual([
      "REQUIRED_ARG_ADDED: A required arg channel on Query.customerCart was added.",
    ]);
  });

  it("is refused when it drops a name of the public contract", () => {
    const next = apiWithCart(cartWith("  clearCart: CartPayload!\n", ""));
    expect(schemaChanges(apiSchemaOf(served), next, contract).breaking).toContain("CONTRACT: missing field Mutation.clearCart (contract/public-api.graphql)");
    // Even when the served supergraph already lacks it: the contract is a promise of its own.
    expect(schemaChanges(next, next, contract).breaking).toEqual(["CONTRACT: missing field Mutation.clearCart (contract/public-api.graphql)"]);
  });

  it("passes when it only adds an optional field, and a new enum value is only a warning", () => {
    expect(changesWithCart(cartWith('type Cart\n  @key(fields: "id")\n{\n', 'type Cart\n  @key(fields: "id")\n{\n  itemCount: Int\n'))).toEqual({ breaking: [], dangerous: [], agreed: [] });
    expect(changesWithCart(cartWith("  CHECKED_OUT\n", "  CHECKED_OUT\n  ABANDONED\n"))).toEqual({
      breaking: [],
      dangerous: ["VALUE_ADDED_TO_ENUM: ABANDONED was added to enum type CartStatus."],
      agreed: [],
    });
  });

  it("passes a field retyped to what the updated contract copy says, naming it, and refuses it otherwise", () => {
    const nullableQuantity = cartWith("totalQuantity: Int!", "totalQuantity: Int");
    const contractText = readFileSync("contract/public-api.graphql", "utf8");
    if (!contractText.includes("  totalQuantity: Int!\n")) throw new Error("the contract no longer has Cart.totalQuantity: Int!: update this test");
    const updatedContract = buildSchema(contractText.replace("  totalQuantity: Int!\n", "  totalQuantity: Int\n"));
    expect(schemaChanges(apiSchemaOf(served), apiWithCart(nullableQuantity), updatedContract)).toEqual({
      breaking: [],
      dangerous: [],
      agreed: ["FIELD_CHANGED_KIND: Cart.totalQuantity changed type from Int! to Int. (as contract/public-api.graphql says)"],
    });
    // The same schema change without the contract copy updated is refused.
    expect(changesWithCart(nullableQuantity).breaking).toEqual([
      "FIELD_CHANGED_KIND: Cart.totalQuantity changed type from Int! to Int.",
      "CONTRACT: Cart.totalQuantity is Int, the contract says Int! (contract/public-api.graphql)",
    ]);
  });
});

describe("pnpm compose --check --subgraph", () => {
  const dir = mkdtempSync(join(tmpdir(), "trolley-proposed-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const committed = () => [SUPERGRAPH_PATH, ...subgraphNames.map(sdlPath)].map((path) => readFileSync(path, "utf8"));
  const before = committed();

  /** Runs the script as a subgraph team's CI does; the exit status and everything it printed. */
  function compose(...args: string[]) {
    try {
      const stdout = execFileSync(process.execPath, ["--import", "tsx", "scripts/compose.ts", ...args], { encoding: "utf8", stdio: "pipe" });
      return { status: 0, output: stdout };
    } catch (error) {
      const { status, stdout, stderr } = error as { status: number; stdout: string; stderr: string };
      return { status, output: `${stdout}${stderr}` };
    }
  }
  function propose(name: string, sdl: string) {
    const path = join(dir, `${name}.graphql`);
    writeFileSync(path, sdl);
    return path;
  }

  it("accepts an additive proposal and refuses a breaking one, with the list", { timeout: 90_000 }, () => {
    const additive = propose("additive", cartWith('type Cart\n  @key(fields: "id")\n{\n', 'type Cart\n  @key(fields: "id")\n{\n  itemCount: Int\n'));
    expect(compose("--check", "--subgraph", `cart=${additive}`)).toEqual({ status: 0, output: expect.stringContaining("proposed cart schema: composes, no breaking change") });

    const breaking = propose("breaking", cartWith("  occurredAt: DateTime!\n", ""));
    const refused = compose("--check", "--subgraph", `cart=${breaking}`);
    expect(refused.status).toBe(1);
    expect(refused.output).toContain("FIELD_REMOVED: CartEvent.occurredAt was removed.");
    expect(refused.output).toContain("refused");

    const allowed = compose("--check", "--allow-breaking", "--subgraph", `cart=${breaking}`);
    expect(allowed.status).toBe(0);
    expect(allowed.output).toContain("allowed by --allow-breaking (1 breaking change):\n  FIELD_REMOVED: CartEvent.occurredAt was removed.");
    expect(committed()).toEqual(before);
  });

  it("reports a composition error in the proposal", { timeout: 60_000 }, () => {
    const conflicting = propose("conflicting", cartWith("  code: String!\n", "  code: Int!\n"));
    const result = compose("--check", "--subgraph", `cart=${conflicting}`);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/supergraph composition failed:\n.*FIELD_TYPE_MISMATCH.*UserError\.code/);
    expect(committed()).toEqual(before);
  });
});
