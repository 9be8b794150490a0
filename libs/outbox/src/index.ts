export * from "./domain-event.js";
export * from "./sql-client.js";
export * from "./outbox.js";
export * from "./outbox-relay.js";
export * from "./create-redis.js";
export * from "./stream-consumer.js";
export { PROCESSED_EVENT_TABLE_SQL } from "./processed-event-table.js";
export * from "./event-consumer.js";
