// The `outbox_event` table as both the writer (Outbox) and the reader (OutboxRelay) see it: the
// qualified table name for one context's schema, and how a row becomes an event.
import type { DomainEvent, RecordedEvent } from "./domain-event.js";
import { schemaTable } from "./schema-table.js";

export const outboxTable = (schema: string): string => schemaTable(schema, "outbox_event");

// Timestamps are stored as UTC wall-clock time in TIMESTAMP(3) columns (Prisma's convention), and
// formatted in SQL so the result never depends on how a driver maps timestamps without a zone.
// `data` comes back as text for the same reason.
const isoUtc = (column: string) => `to_char("${column}", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const EVENT_COLUMNS = [
  `"id"`,
  `"type"`,
  `${isoUtc("occurred_at")} AS "occurredAt"`,
  `"aggregate_id" AS "aggregateId"`,
  `"user_id" AS "userId"`,
  `"data"::text AS "data"`,
  `${isoUtc("published_at")} AS "publishedAt"`,
].join(", ");

export interface EventRow {
  id: string;
  type: string;
  occurredAt: string;
  aggregateId: string;
  userId: string | null;
  data: string;
  publishedAt: string | null;
}

/** Keys in the contract's order, so the JSON on the stream reads the same for every event. */
export function toDomainEvent(row: EventRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    occurredAt: row.occurredAt,
    aggregateId: row.aggregateId,
    userId: row.userId,
    data: JSON.parse(row.data) as Record<string, unknown>,
  };
}

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({ ...toDomainEvent(row), publishedAt: row.publishedAt });
