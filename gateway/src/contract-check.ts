// The public API clients rely on (contract/public-api.graphql): every type, field, argument and enum
// value it names must exist in the composed API schema with the same type. Checked by
// test/contract.test.ts, and by `pnpm compose`, which refuses a supergraph that drops one.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";

export const CONTRACT_PATH = fileURLToPath(new URL("../../contract/public-api.graphql", import.meta.url));

export function readContract(path = CONTRACT_PATH): GraphQLSchema {
  return buildSchema(readFileSync(path, "utf8"));
}

const kindOf = (type: GraphQLNamedType) =>
  isObjectType(type) ? "an object type"
  : isInterfaceType(type) ? "an interface"
  : isUnionType(type) ? "a union"
  : isEnumType(type) ? "an enum"
  : isInputObjectType(type) ? "an input type"
  : isScalarType(type) ? "a scalar"
  : "unknown";

/** What the API schema lacks or types differently from the contract, one line each; empty when it keeps the contract. */
export function contractViolations(api: GraphQLSchema, contract: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(contract.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    const actual = api.getType(type.name);
    if (!actual) {
      problems.push(`missing type ${type.name}`);
      continue;
    }
    if (kindOf(actual) !== kindOf(type)) {
      problems.push(`${type.name} is ${kindOf(actual)}, the contract says ${kindOf(type)}`);
      continue;
    }
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      const actualFields = (actual as typeof type).getFields();
      for (const field of Object.values(type.getFields())) {
        const real = actualFields[field.name];
        if (!real) {
          problems.push(`missing field ${type.name}.${field.name}`);
          continue;
        }
        if (String(real.type) !== String(field.type)) problems.push(`${type.name}.${field.name} is ${real.type}, the contract says ${field.type}`);
        if (!("args" in field) || !("args" in real)) continue;
        for (const arg of field.args) {
          const realArg = real.args.find((a) => a.name === arg.name);
          if (!realArg) problems.push(`missing argument ${type.name}.${field.name}(${arg.name})`);
          else if (String(realArg.type) !== String(arg.type)) {
            problems.push(`${type.name}.${field.name}(${arg.name}) is ${realArg.type}, the contract says ${arg.type}`);
          }
        }
      }
    }
    if (isEnumType(type) && isEnumType(actual)) {
      for (const value of type.getValues()) if (!actual.getValue(value.name)) problems.push(`missing enum value ${type.name}.${value.name}`);
    }
  }
  return problems.sort();
}
