// The periodic upkeep of one context's events, run by the process that owns the relay: delete
// outbox and processed_event rows past retention (SKIP LOCKED batches) and trim the context's
// stream (idempotent XTRIM). Both are safe with any number of replicas running it at once.
import type { RedisClient } from "./create-redis.js";
import type { RelayLogger } from "./outbox-relay.js";
import { OutboxPruner } from "./outbox-pruner.js";
import type { SqlClient } from "./sql-client.js";
import { StreamTrimmer } from "./stream-trimmer.js";

export interface OutboxHousekeepingOptions {
  db: SqlClient;
  schema: string;
  /** The context's own stream (the one its relay writes). */
  stream: string;
  redis: RedisClient;
  /** OUTBOX_RETENTION. */
  retentionMs: number;
  /** STREAM_MAX_LENGTH. */
  maxStreamLength: number;
  /** Whether the context consumes events (has a processed_event table). */
  processedEvents: boolean;
  logger?: RelayLogger;
}

export class OutboxHousekeeping {
  private readonly pruner: OutboxPruner;
  private readonly trimmer: StreamTrimmer;

  constructor(private readonly options: OutboxHousekeepingOptions) {
    this.pruner = new OutboxPruner({ db: options.db, schema: options.schema, retentionMs: options.retentionMs, processedEvents: options.processedEvents });
    this.trimmer = new StreamTrimmer({ redis: options.redis, stream: options.stream, maxLength: options.maxStreamLength });
  }

  async runOnce(): Promise<{ outboxEvents: number; processedEvents: number; trimmed: number }> {
    const pruned = await this.pruner.prune();
    // Postgres first: a Redis outage fails the run (the periodic job logs it) after retention is done.
    const { removed } = await this.trimmer.trim();
    if (pruned.outboxEvents + pruned.processedEvents + removed > 0) {
      this.options.logger?.info("outbox housekeeping", { stream: this.options.stream, ...pruned, trimmed: removed });
    }
    return { ...pruned, trimmed: removed };
  }
}
