// How a service subscribes to another context's stream: a StreamConsumer on a blocking Redis
// connection of its own, named uniquely within its group (one group per consuming context, one
// member per process), closed together with its connection.
import { hostname } from "node:os";
import { createBlockingRedis, type RedisSettings } from "./create-redis.js";
import type { DomainEvent } from "./domain-event.js";
import type { RelayLogger } from "./outbox-relay.js";
import type { SqlClient, TransactionalSqlClient } from "./sql-client.js";
import { StreamConsumer, type StreamConsumerOptions } from "./stream-consumer.js";

const BLOCK_MS = 1000;

export interface EventConsumer {
  consumer: StreamConsumer;
  start(): void;
  close(): Promise<void>;
}

export function createEventConsumer<Tx>(options: {
  /** Where Redis is; the consumer opens a blocking connection of its own there. */
  redis: RedisSettings;
  stream: string;
  /** The consuming context, e.g. "cart". */
  group: string;
  db: TransactionalSqlClient;
  schema: string;
  types: readonly string[];
  /** Applied in the transaction that records the event as processed. */
  handle: (event: DomainEvent, tx: Tx) => Promise<unknown>;
  /** Called after the handler's transaction commits, with what it resolved to. */
  afterCommit?: StreamConsumerOptions["afterCommit"];
  logger?: RelayLogger;
  /** Failed deliveries after which an event goes to the dead letters (EVENT_MAX_DELIVERIES). */
  maxDeliveries?: number;
  /** How long a failed event waits before it is delivered again (EVENT_RETRY_DELAY). */
  retryAfterMs?: number;
  /** Called once per dead-lettered event, e.g. to count it in /metrics. */
  onDeadLetter?: StreamConsumerOptions["onDeadLetter"];
}): EventConsumer {
  const redis = createBlockingRedis(options.redis, BLOCK_MS);
  const consumer = new StreamConsumer({
    redis,
    stream: options.stream,
    group: options.group,
    consumer: `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    db: options.db,
    schema: options.schema,
    types: options.types,
    // The consumer's transaction is the service's own Prisma transaction client.
    handle: (event, tx: SqlClient) => options.handle(event, tx as Tx),
    afterCommit: options.afterCommit,
    logger: options.logger,
    blockMs: BLOCK_MS,
    maxDeliveries: options.maxDeliveries,
    claimIdleMs: options.retryAfterMs,
    onDeadLetter: options.onDeadLetter,
  });
  return {
    consumer,
    start: () => consumer.start(),
    async close() {
      await consumer.stop();
      redis.disconnect();
    },
  };
}
