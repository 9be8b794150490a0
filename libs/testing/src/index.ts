export * from "./databases.js";
export * from "./tokens.js";
export * from "./graphql-client.js";
