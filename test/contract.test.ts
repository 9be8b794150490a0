// Every name of the public API (contract/public-api.graphql) exists in the composed supergraph's
// API schema with the same type: clients built against the contract keep working.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, isEnumType, isObjectType, type GraphQLSchema } from "graphql";
import { Supergraph } from "@apollo/federation-internals";

function apiSchema(): GraphQLSchema {
  return Supergraph.build(readFileSync("gateway/supergraph.graphql", "utf8")).apiSchema().toGraphQLJSSchema();
}

/** Everything the contract names, as "Type.field(arg): Type" lines. */
function surface(schema: GraphQLSchema, only?: GraphQLSchema): string[] {
  const lines: string[] = [];
  for (const type of Object.values((only ?? schema).getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    const actual = schema.getType(type.name);
    if (!actual) {
      lines.push(`missing type ${type.name}`);
      continue;
    }
    if (isObjectType(type)) {
      if (!isObjectType(actual)) {
        lines.push(`${type.name} is not an object type`);
        continue;
      }
      for (const field of Object.values(type.getFields())) {
        const real = actual.getFields()[field.name];
        lines.push(real ? `${type.name}.${field.name}: ${real.type}` : `missing field ${type.name}.${field.name}`);
        for (const arg of field.args) {
          const realArg = real?.args.find((a) => a.name === arg.name);
          lines.push(realArg ? `${type.name}.${field.name}(${arg.name}: ${realArg.type})` : `missing argument ${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    if (isEnumType(type)) {
      const values = isEnumType(actual) ? new Set(actual.getValues().map((v) => v.name)) : new Set();
      for (const value of type.getValues()) lines.push(values.has(value.name) ? `${type.name}.${value.name}` : `missing enum value ${type.name}.${value.name}`);
    }
  }
  return lines.sort();
}

describe("the public contract", () => {
  it("is fully present in the composed API schema, with the same types", () => {
    const contract = buildSchema(readFileSync("contract/public-api.graphql", "utf8"));
    expect(surface(apiSchema(), contract)).toEqual(surface(contract));
  });
});
