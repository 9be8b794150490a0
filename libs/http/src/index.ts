export * from "./http-server.js";
export * from "./logger.js";
export * from "./format-error.js";
export * from "./serve-graphql.js";
export * from "./run-until-signal.js";
export * from "./start-subgraph.js";
export * from "./periodic-job.js";
