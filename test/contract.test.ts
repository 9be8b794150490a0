// Every name of the public API (contract/public-api.graphql) exists in the composed supergraph's
// API schema with the same type: clients built against the contract keep working. The check itself
// lives in gateway/src/contract-check.ts, which `pnpm compose` runs too.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema } from "graphql";
import { apiSchemaOf } from "../gateway/src/breaking-changes.js";
import { contractViolations, readContract } from "../gateway/src/contract-check.js";

describe("the public contract", () => {
  it("is fully present in the composed API schema, with the same types", () => {
    expect(contractViolations(apiSchemaOf(readFileSync("gateway/supergraph.graphql", "utf8")), readContract())).toEqual([]);
  });

  it("names every type, field, argument and enum value that is missing or typed differently", () => {
    const contract = buildSchema(`
      enum Color { RED GREEN }
      type Shirt { id: ID! size(unit: String): Int! color: Color }
      type Hat { id: ID! }
      type Query { shirt(id: ID!): Shirt hat: Hat }
    `);
    const api = buildSchema(`
      enum Color { RED }
      type Shirt { id: ID! size(unit: Int): Int color: Color }
      type Query { shirt: Shirt }
    `);
    expect(contractViolations(api, contract)).toEqual([
      "Shirt.size is Int, the contract says Int!",
      "Shirt.size(unit) is Int, the contract says String",
      "missing argument Query.shirt(id)",
      "missing enum value Color.GREEN",
      "missing field Query.hat",
      "missing type Hat",
    ]);
    expect(contractViolations(contract, contract)).toEqual([]);
  });
});
