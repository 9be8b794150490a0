// The event plumbing every context has, wired once: its outbox and the relay that publishes it to
// the context's own stream, a consumer per stream it reads (with dead letters counted in
// /metrics), and the upkeep of its outbox (retention and stream trimming, safe with any number of
// replicas). An app builds one, consumes through it, and adds it to its BackgroundWork.
import type { RedisClient, RedisSettings } from "./create-redis.js";
import { createEventConsumer, type EventConsumer } from "./event-consumer.js";
import type { EventHandler } from "./event-handler.js";
import { Outbox } from "./outbox.js";
import { OutboxHousekeeping } from "./outbox-housekeeping.js";
import { OutboxRelay, type RelayLogger } from "./outbox-relay.js";
import type { TransactionalSqlClient } from "./sql-client.js";
import type { StreamConsumer } from "./stream-consumer.js";

/** The settings of `eventSettings` (libs/config) plus where Redis is: pass the context's config. */
export interface EventSettings extends RedisSettings {
  OUTBOX_POLL_INTERVAL: number;
  OUTBOX_RETENTION: number;
  OUTBOX_HOUSEKEEPING_INTERVAL: number;
  STREAM_MAX_LENGTH: number;
  EVENT_MAX_DELIVERIES: number;
  EVENT_RETRY_DELAY: number;
}

/** Where dead-lettered events are counted: the app's ServiceMetrics (libs/http) fits. */
export interface DeadLetterMetrics {
  counter(name: string, help: string, labelNames: readonly ("stream" | "group")[]): { inc(labels: { stream: string; group: string }): void };
}

/** Runs the outbox upkeep periodically: BackgroundWork.every (libs/http) fits. */
export type Schedule = (name: string, intervalMs: number, run: () => Promise<unknown>) => unknown;

export interface ContextEventsOptions {
  /** The consuming group name of this context on other streams, e.g. "cart". */
  context: string;
  db: TransactionalSqlClient;
  /** Its Postgres schema, e.g. "orders". */
  schema: string;
  /** Its own stream, e.g. "order-events". */
  stream: string;
  redis: RedisClient;
  settings: EventSettings;
  logger: RelayLogger;
  metrics?: DeadLetterMetrics;
  schedule: Schedule;
}

export class ContextEvents {
  readonly outbox: Outbox;
  readonly relay: OutboxRelay;
  private readonly consumers: EventConsumer[] = [];
  private readonly onDeadLetter?: (letter: { stream: string; group: string }) => void;

  constructor(private readonly options: ContextEventsOptions) {
    const { db, schema, stream, redis, logger, settings } = options;
    this.outbox = new Outbox({ schema });
    this.relay = new OutboxRelay({ db, schema, stream, redis, logger, pollIntervalMs: settings.OUTBOX_POLL_INTERVAL });
    const deadLettered = options.metrics?.counter(
      "trolley_events_dead_lettered_total",
      "Events moved to the dead letters after EVENT_MAX_DELIVERIES failed deliveries.",
      ["stream", "group"],
    );
    if (deadLettered) this.onDeadLetter = (letter) => deadLettered.inc({ stream: letter.stream, group: letter.group });
    const upkeep = new OutboxHousekeeping({
      db, schema, stream, redis, logger, processedEvents: true,
      retentionMs: settings.OUTBOX_RETENTION, maxStreamLength: settings.STREAM_MAX_LENGTH,
    });
    options.schedule("outbox housekeeping", settings.OUTBOX_HOUSEKEEPING_INTERVAL, () => upkeep.runOnce());
  }

  /** Wakes the relay: call after a transaction that appended events commits. */
  readonly notify = (): void => this.relay.notify();

  /**
   * Applies `handler` to the events of `stream`, once per event for this context's group. When it
   * resolves true, `afterChange` runs once the transaction has committed (by default: wake the
   * relay, so the events the handler appended are published now rather than at the next poll).
   */
  consume<Tx>(stream: string, handler: EventHandler<Tx>, afterChange: () => void = this.notify): StreamConsumer {
    const { settings } = this.options;
    const consumer = createEventConsumer<Tx>({
      redis: settings,
      stream,
      group: this.options.context,
      db: this.options.db,
      schema: this.options.schema,
      types: handler.types,
      handle: (event, tx) => handler.handle(event, tx),
      afterCommit: (changed) => {
        if (changed === true) afterChange();
      },
      maxDeliveries: settings.EVENT_MAX_DELIVERIES,
      retryAfterMs: settings.EVENT_RETRY_DELAY,
      onDeadLetter: this.onDeadLetter,
      logger: this.options.logger,
    });
    this.consumers.push(consumer);
    return consumer.consumer;
  }

  start(): void {
    this.relay.start();
    for (const consumer of this.consumers) consumer.start();
  }

  /** Stops the consumers (closing their connections), then the relay; safe when never started. */
  async stop(): Promise<void> {
    for (const consumer of this.consumers) await consumer.close();
    await this.relay.stop();
  }
}
