export * from "./identity.js";
export * from "./access-token.js";
export * from "./internal-identity.js";
export * from "./require-caller.js";
export * from "./jwks-keys.js";
export * from "./token-verifier.js";
