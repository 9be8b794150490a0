// The rules that refuse abusive operations, shared by the gateway (for what clients send) and the
// subgraphs (for what reaches them directly): each refuses with its own code, the limit and the
// actual value.
export * from "./alias-limit.js";
export * from "./cost-limit.js";
export * from "./depth-limit.js";
export * from "./field-count-limit.js";
export * from "./field-tally.js";
export * from "./limit-error.js";
export * from "./operation-cost.js";
export * from "./query-length-limit.js";
export * from "./root-field-limit.js";
