export * from "./databases.js";
export * from "./tokens.js";
export * from "./graphql-client.js";
export * from "./prometheus-text.js";
export * from "./production-secrets.js";
export * from "./signed-tokens.js";
export * from "./waiting.js";
export * from "./redis-pause.js";
