// The limits that refuse abusive operations before any subgraph sees them: validation rules over
// the document, a check of the text before it is parsed, and the cost, which needs the variables.
import type { ApolloServerPlugin } from "@apollo/server";
import type { ValidationRule } from "graphql";
import type { GatewayConfig } from "../config.js";
import { aliasLimit, costLimit, depthLimit, fieldCountLimit, keepLimitCodes, queryLengthLimit, rootFieldLimit, type BeforeParsing } from "@trolley/http";

export function operationLimits(config: GatewayConfig): ValidationRule[] {
  return [
    depthLimit(config.MAX_QUERY_DEPTH),
    aliasLimit(config.MAX_QUERY_ALIASES),
    rootFieldLimit(config.MAX_QUERY_ROOT_FIELDS),
    fieldCountLimit(config.MAX_QUERY_FIELDS),
  ];
}

/** Checked before the query text is parsed (see refuse-before-parsing.ts). */
export function operationLimitsBeforeParsing(config: GatewayConfig): BeforeParsing[] {
  return [queryLengthLimit(config.MAX_QUERY_LENGTH)];
}

/** The plugins the limits need: the cost limit, and keeping the rules' own error codes. */
export function operationLimitPlugins(config: GatewayConfig): ApolloServerPlugin[] {
  return [keepLimitCodes(), costLimit(config.MAX_QUERY_COST)];
}
