// Whether a newly composed supergraph keeps every client working. Compares what clients see, the
// API schemas (no federation machinery, no @inaccessible), with graphql-js's own classification:
// a removed or retyped type, field, argument or enum value, or a new required argument, is
// breaking; a new enum value or a changed default is dangerous (it may change what a client gets).
// Dropping a name of the public contract is breaking too, whatever the previous supergraph said.
// A field retyped to exactly what the contract copy now says is agreed with clients: it is named
// (`agreed`) and let through, so a contract change such as a field made nullable goes in on purpose,
// by updating contract/public-api.graphql in the same change, never by accident.
import { findBreakingChanges, findDangerousChanges, isObjectType, isInterfaceType, type GraphQLSchema } from "graphql";
import { Supergraph } from "@apollo/federation-internals";
import { contractViolations } from "./contract-check.js";

export interface SchemaChanges {
  /** One line each, e.g. "FIELD_REMOVED: Query.categories was removed." */
  breaking: string[];
  dangerous: string[];
  /** Breaking for the previous schema, but what the contract copy now says: allowed, and named. */
  agreed: string[];
}

/** The schema clients query, as the gateway derives it from a supergraph. Throws on an invalid supergraph. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * From the API schema clients use today (`previous`, null when there is none to compare with) to
 * `next`, checked against the public contract when one is given.
 */
export function schemaChanges(previous: GraphQLSchema | null, next: GraphQLSchema, contract?: GraphQLSchema): SchemaChanges {
  const breaking: string[] = [];
  const agreed: string[] = [];
  for (const change of previous ? findBreakingChanges(previous, next) : []) {
    const line = `${change.type}: ${change.description}`;
    if (contract && change.type === "FIELD_CHANGED_KIND" && retypedAsContractSays(change.description, contract)) agreed.push(`${line} (as contract/public-api.graphql says)`);
    else breaking.push(line);
  }
  const dangerous = previous ? findDangerousChanges(previous, next).map((c) => `${c.type}: ${c.description}`) : [];
  if (contract) breaking.push(...contractViolations(next, contract).map((problem) => `CONTRACT: ${problem} (contract/public-api.graphql)`));
  return { breaking, dangerous, agreed };
}

/** graphql-js describes a retyped field as "Type.field changed type from A to B.". */
function retypedAsContractSays(description: string, contract: GraphQLSchema): boolean {
  const match = /^(\w+)\.(\w+) changed type from .+ to (.+)\.$/.exec(description);
  if (!match) return false;
  const [, typeName, fieldName, nextType] = match;
  const type = contract.getType(typeName!);
  if (!isObjectType(type) && !isInterfaceType(type)) return false;
  return String(type.getFields()[fieldName!]?.type) === nextType;
}
