export * from "./domain-event.js";
export * from "./sql-client.js";
export * from "./outbox.js";
export * from "./outbox-relay.js";
export * from "./create-redis.js";
