// Whether a newly composed supergraph keeps every client working. Compares what clients see, the
// API schemas (no federation machinery, no @inaccessible), with graphql-js's own classification:
// a removed or retyped type, field, argument or enum value, or a new required argument, is
// breaking; a new enum value or a changed default is dangerous (it may change what a client gets).
// Dropping a name of the public contract is breaking too, whatever the previous supergraph said.
import { findBreakingChanges, findDangerousChanges, type GraphQLSchema } from "graphql";
import { Supergraph } from "@apollo/federation-internals";
import { contractViolations } from "./contract-check.js";

export interface SchemaChanges {
  /** One line each, e.g. "FIELD_REMOVED: Query.categories was removed." */
  breaking: string[];
  dangerous: string[];
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
  const breaking = previous ? findBreakingChanges(previous, next).map((c) => `${c.type}: ${c.description}`) : [];
  const dangerous = previous ? findDangerousChanges(previous, next).map((c) => `${c.type}: ${c.description}`) : [];
  if (contract) breaking.push(...contractViolations(next, contract).map((problem) => `CONTRACT: ${problem} (contract/public-api.graphql)`));
  return { breaking, dangerous };
}
