export * from "./build-federated-schema.js";
export * from "./money.js";
export * from "./shared-types.js";
export * from "./cursor.js";
export * from "./loader-batches.js";
export * from "./quote-request.js";
export * from "./date-scalar.js";
export * from "./shipping-judgement.js";
