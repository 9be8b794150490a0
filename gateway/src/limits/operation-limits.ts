// The validation rules that refuse abusive operations before any subgraph sees them.
import type { ValidationRule } from "graphql";
import type { GatewayConfig } from "../config.js";
import { depthLimit } from "./depth-limit.js";

export function operationLimits(config: GatewayConfig): ValidationRule[] {
  return [depthLimit(config.MAX_QUERY_DEPTH)];
}
