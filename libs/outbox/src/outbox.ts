// Writing events into a context's outbox, inside the transaction that makes the change they
// report, and reading them back as that context's audit trail. Publishing is the relay's job.
import { randomUUID } from "node:crypto";
import type { DomainEvent, NewEvent, RecordedEvent } from "./domain-event.js";
import { EVENT_COLUMNS, outboxTable, toRecordedEvent, type EventRow } from "./outbox-table.js";
import type { SqlClient } from "./sql-client.js";

export interface OutboxOptions {
  /** The context's Postgres schema, e.g. `cart`; a constant from code, never user input. */
  schema: string;
}

const COLUMNS_PER_ROW = 6;
// Postgres binds at most 65535 parameters per statement.
const MAX_EVENTS_PER_APPEND = Math.floor(65535 / COLUMNS_PER_ROW);

export class Outbox {
  readonly schema: string;
  private readonly table: string;

  constructor(options: OutboxOptions) {
    this.table = outboxTable(options.schema);
    this.schema = options.schema;
  }

  /**
   * Records the events with the caller's transaction (`tx`): they exist exactly when the change
   * they report commits. One statement however many events, so appending costs one round trip.
   */
  async append(tx: SqlClient, events: readonly NewEvent[]): Promise<DomainEvent[]> {
    if (events.length === 0) return [];
    if (events.length > MAX_EVENTS_PER_APPEND) {
      throw new RangeError(`At most ${MAX_EVENTS_PER_APPEND} events can be appended at once; got ${events.length}.`);
    }
    const recorded = events.map(
      (event): DomainEvent => ({
        id: randomUUID(),
        type: event.type,
        // Throws on an invalid Date before anything is written.
        occurredAt: event.occurredAt.toISOString(),
        aggregateId: event.aggregateId,
        userId: event.userId,
        data: event.data,
      }),
    );
    const values: unknown[] = [];
    const rows = recorded.map((event) => {
      const p = values.length;
      values.push(event.id, event.type, event.aggregateId, event.userId, event.occurredAt, JSON.stringify(event.data));
      // The ISO string is read as an instant and stored as UTC wall-clock time, whatever the
      // session's TimeZone is.
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, ($${p + 5}::timestamptz AT TIME ZONE 'UTC'), $${p + 6}::jsonb)`;
    });
    await tx.$executeRawUnsafe(
      `INSERT INTO ${this.table} ("id", "type", "aggregate_id", "user_id", "occurred_at", "data") VALUES ${rows.join(", ")}`,
      ...values,
    );
    return recorded;
  }

  /** The aggregate's events, newest first, with when each was published. */
  async history(db: SqlClient, aggregateId: string, first: number): Promise<RecordedEvent[]> {
    if (!Number.isInteger(first) || first < 0) throw new RangeError(`\`first\` must be a non-negative integer; got ${first}.`);
    if (first === 0) return [];
    const rows = await db.$queryRawUnsafe<EventRow[]>(
      `SELECT ${EVENT_COLUMNS} FROM ${this.table} WHERE "aggregate_id" = $1 ORDER BY "position" DESC LIMIT $2::int`,
      aggregateId,
      first,
    );
    return rows.map(toRecordedEvent);
  }

  /** Events written but not yet on the stream: a growing number means the relay is stuck. */
  async pendingCount(db: SqlClient): Promise<number> {
    const [row] = await db.$queryRawUnsafe<{ count: number }[]>(
      `SELECT count(*)::int AS "count" FROM ${this.table} WHERE "published_at" IS NULL`,
    );
    return row?.count ?? 0;
  }
}
