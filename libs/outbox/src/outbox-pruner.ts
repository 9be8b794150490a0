// Retention: deletes outbox rows published longer ago than the retention, and processed_event
// rows older than it. Safe with any number of replicas: each batch is
// DELETE ... WHERE id IN (SELECT ... LIMIT n FOR UPDATE SKIP LOCKED), so concurrent runs take
// disjoint rows and never wait on each other (nor on a relay holding rows it is publishing).
//
// The retention bounds three things at once: the outbox history contexts show (the cart's audit
// trail), how far back the relay can republish after Redis lost data, and how long a redelivered
// event is still recognised as already applied.
import { outboxTable } from "./outbox-table.js";
import { processedEventTable } from "./processed-event-table.js";
import type { SqlClient } from "./sql-client.js";

export interface OutboxPrunerOptions {
  db: SqlClient;
  schema: string;
  retentionMs: number;
  /** Whether the context consumes events, i.e. has a processed_event table. */
  processedEvents: boolean;
  batchSize?: number;
}

// A run stops after this many batches per table; the next run goes on.
const MAX_BATCHES = 100;

export class OutboxPruner {
  private readonly outbox: string;
  private readonly processed: string | undefined;
  private readonly batchSize: number;

  constructor(private readonly options: OutboxPrunerOptions) {
    const { batchSize = 1000, retentionMs } = options;
    if (!(retentionMs > 0)) throw new RangeError(`retentionMs must be positive; got ${retentionMs}.`);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer; got ${batchSize}.`);
    this.outbox = outboxTable(options.schema);
    this.processed = options.processedEvents ? processedEventTable(options.schema) : undefined;
    this.batchSize = batchSize;
  }

  /** One run; returns how many rows of each table it deleted. */
  async prune(): Promise<{ outboxEvents: number; processedEvents: number }> {
    // published_at is UTC wall-clock time (the relay writes it so); unpublished rows never match.
    const outboxEvents = await this.batches(
      `DELETE FROM ${this.outbox} WHERE "id" IN (SELECT "id" FROM ${this.outbox} ` +
        `WHERE "published_at" < (now() AT TIME ZONE 'UTC') - $1::bigint * interval '1 millisecond' LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
    );
    // processed_at is filled by its column default, CURRENT_TIMESTAMP in the session's time zone:
    // LOCALTIMESTAMP is the same clock.
    const processedEvents = this.processed
      ? await this.batches(
          `DELETE FROM ${this.processed} WHERE ("consumer_group", "event_id") IN (SELECT "consumer_group", "event_id" FROM ${this.processed} ` +
            `WHERE "processed_at" < LOCALTIMESTAMP - $1::bigint * interval '1 millisecond' LIMIT $2::int FOR UPDATE SKIP LOCKED)`,
        )
      : 0;
    return { outboxEvents, processedEvents };
  }

  private async batches(sql: string): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const count = await this.options.db.$executeRawUnsafe(sql, this.options.retentionMs, this.batchSize);
      deleted += count;
      if (count < this.batchSize) break;
    }
    return deleted;
  }
}
