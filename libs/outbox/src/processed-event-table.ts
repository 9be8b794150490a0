// The `processed_event` table: which events each consumer group has already applied. A
// StreamConsumer writes its row in the transaction that applies the event, so "applied" and
// "recorded as applied" commit together or not at all.
import { schemaTable } from "./schema-table.js";

/**
 * The DDL a consuming context adds to its own migration (the table lives in that context's schema).
 * The primary key is the idempotency check: a redelivered event finds its row and is skipped.
 * Rows are never read back otherwise, so ones older than the streams' retention may be pruned.
 */
export const PROCESSED_EVENT_TABLE_SQL = `CREATE TABLE "processed_event" (
  "consumer_group" TEXT NOT NULL,
  "event_id" TEXT NOT NULL,
  "processed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group", "event_id")
);`;

export const processedEventTable = (schema: string): string => schemaTable(schema, "processed_event");
