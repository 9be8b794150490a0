import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBlockingRedis,
  createRedis,
  Outbox,
  OutboxRelay,
  PROCESSED_EVENT_TABLE_SQL,
  StreamConsumer,
  type DomainEvent,
  type SqlClient,
  type ConsumerPass,
  type StreamConsumerOptions,
  type TransactionalSqlClient,
} from "../src/index.js";
import { createOutboxSchema } from "./outbox-schema.js";
import { connected, eventually as waitFor, recordingLogger } from "@trolley/testing";

const REDIS_URL = process.env.REDIS_URL!;

let redis: Redis;
const streams: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = await connected(createRedis(REDIS_URL));
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  // Deleting a stream deletes its groups too.
  if (streams.length) await redis.del(...streams);
  redis.disconnect();
});

/**
 * A fresh schema (outbox, processed_event from the exported DDL, and an `effect` table the test
 * handlers write to), stream and group per test, so tests run in parallel without seeing each other.
 */
async function fixture() {
  const schema = await createOutboxSchema();
  cleanups.push(() => schema.drop());
  // The DDL is written for a context's migration, where the schema is the search path.
  await schema.sql.query(`BEGIN; SET LOCAL search_path TO "${schema.name}"; ${PROCESSED_EVENT_TABLE_SQL}
    CREATE TABLE "effect" ("position" BIGSERIAL PRIMARY KEY, "consumer" TEXT NOT NULL, "event_id" TEXT NOT NULL, "type" TEXT NOT NULL); COMMIT;`);
  const stream = `test-events-${randomUUID()}`;
  streams.push(stream);
  const group = `test-group-${randomUUID()}`;
  const db = schema.prisma();

  /** The effect of every test handler: one row per application, so applying twice shows as two rows. */
  const applyEffect = (consumer: string) => async (event: DomainEvent, tx: SqlClient) => {
    await tx.$executeRawUnsafe(`INSERT INTO "${schema.name}"."effect" ("consumer", "event_id", "type") VALUES ($1, $2, $3)`, consumer, event.id, event.type);
  };
  const consumer = (options: Partial<StreamConsumerOptions> = {}) => {
    const name = options.consumer ?? "a";
    return new StreamConsumer({ redis, stream, group, consumer: name, db, schema: schema.name, handle: applyEffect(name), claimIdleMs: 50, ...options });
  };
  const effects = async () =>
    (await schema.sql.query<{ consumer: string; eventId: string; type: string }>(`SELECT "consumer", "event_id" AS "eventId", "type" FROM "${schema.name}"."effect" ORDER BY "position"`)).rows;
  const processed = async () =>
    (await schema.sql.query<{ eventId: string }>(`SELECT "event_id" AS "eventId" FROM "${schema.name}"."processed_event" WHERE "consumer_group" = $1`, [group])).rows.map((r) => r.eventId);
  /** Entries delivered to the group and not acknowledged. */
  const pending = async () => (await redis.xpending(stream, group))[0] as number;
  return { schema, stream, group, db, applyEffect, consumer, effects, processed, pending };
}

const newEvent = (type: string): DomainEvent => ({
  id: randomUUID(),
  type,
  occurredAt: new Date().toISOString(),
  aggregateId: randomUUID(),
  userId: null,
  data: { secret: "card-4242" },
});

/** Adds events to the stream the way the relay does. */
async function publish(stream: string, ...events: DomainEvent[]) {
  for (const event of events) await redis.xadd(stream, "*", "id", event.id, "type", event.type, "event", JSON.stringify(event));
}

const eventually = (check: () => Promise<boolean>) => waitFor(check, 10_000);

/** Connections of this test's Redis database blocked in a read (tests of this file run one at a time). */
async function blockedReaders(): Promise<number> {
  const db = Number(new URL(REDIS_URL).pathname.slice(1) || "0");
  const clients = String(await redis.client("LIST")).split("\n");
  return clients.filter((line) => line.includes(` db=${db} `) && / flags=\w*b/.test(line) && line.includes(" cmd=xreadgroup")).length;
}

describe("StreamConsumer", () => {
  it("applies events the relay published before the group existed, in order, once, and acknowledges them", async () => {
    const { schema, stream, db, consumer, processed, pending } = await fixture();
    const outbox = new Outbox({ schema: schema.name });
    const appended = await db.$transaction((tx) =>
      outbox.append(tx, ["OrderPlaced", "OrderPaid", "OrderShipped"].map((type) => ({ type, aggregateId: "order-1", userId: "u1", occurredAt: new Date(), data: { type } }))),
    );
    await new OutboxRelay({ db, schema: schema.name, stream, redis }).drain();

    const received: DomainEvent[] = [];
    const reader = consumer({ batchSize: 2, handle: async (event) => void received.push(event) });
    expect(await reader.processAvailable()).toBe(3);

    expect(received).toEqual(appended);
    expect(new Set(await processed())).toEqual(new Set(appended.map((e) => e.id)));
    expect(await pending()).toBe(0);
    expect(await reader.processAvailable()).toBe(0);
  });

  it("applies an event the stream holds twice only once", async () => {
    const { stream, consumer, effects, pending } = await fixture();
    const [first, second] = [newEvent("A"), newEvent("B")];
    await publish(stream, first, first, second);
    const reader = consumer();

    expect(await reader.processAvailable()).toBe(2);
    // A later redelivery, e.g. the relay re-sending after a failure, is acknowledged and skipped.
    await publish(stream, second);
    expect(await reader.processAvailable()).toBe(0);

    expect((await effects()).map((e) => e.eventId)).toEqual([first.id, second.id]);
    expect(await pending()).toBe(0);
  });

  it("calls afterCommit with the handler's result once its transaction committed, and not for a duplicate", async () => {
    const { stream, consumer, applyEffect, schema } = await fixture();
    const [first, second] = [newEvent("A"), newEvent("B")];
    await publish(stream, first, second, first);
    const seen: { result: unknown; eventId: string; committed: number }[] = [];
    const countEffects = async () =>
      Number((await schema.sql.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema.name}"."effect"`)).rows[0].n);
    const pendingChecks: Promise<void>[] = [];
    const reader = consumer({
      handle: async (event, tx) => {
        await applyEffect("a")(event, tx);
        return event.type === "A";
      },
      // Another connection sees the handler's row only if the transaction has committed.
      afterCommit: (result, event) => void pendingChecks.push(countEffects().then((committed) => void seen.push({ result, eventId: event.id, committed }))),
    });

    expect(await reader.processAvailable()).toBe(2);
    await Promise.all(pendingChecks);
    expect(seen).toEqual([
      { result: true, eventId: first.id, committed: expect.any(Number) },
      { result: false, eventId: second.id, committed: expect.any(Number) },
    ]);
    expect(seen[0].committed).toBeGreaterThanOrEqual(1);
    expect(seen[1].committed).toBe(2);
  });

  it("leaves an event whose handler throws pending, and applies it once after claimIdleMs", async () => {
    const { stream, consumer, applyEffect, effects, pending } = await fixture();
    const events = [newEvent("A"), newEvent("B"), newEvent("C")];
    await publish(stream, ...events);
    const { lines, logger } = recordingLogger();
    let failNext = true;
    const reader = consumer({
      // Long enough that a loaded machine does not make the entry due before the second pass.
      claimIdleMs: 1_500,
      logger,
      handle: async (event, tx) => {
        await applyEffect("a")(event, tx); // rolled back with the transaction
        if (event.type === "B" && failNext) {
          failNext = false;
          throw new Error("inventory service unavailable");
        }
      },
    });

    // The failure holds back only its own event.
    expect(await reader.processAvailable()).toBe(2);
    expect((await effects()).map((e) => e.type)).toEqual(["A", "C"]);
    expect(await pending()).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "warn", fields: { eventId: events[1].id, type: "B" } });
    expect(JSON.stringify(lines[0].fields)).not.toContain("card-4242");

    // Not retried on every pass...
    expect(await reader.processAvailable()).toBe(0);
    // ...but once it has been pending for claimIdleMs.
    await sleep(1_550);
    expect(await reader.processAvailable()).toBe(1);
    expect((await effects()).map((e) => e.type)).toEqual(["A", "C", "B"]);
    expect(await pending()).toBe(0);
  });

  it("a consumer killed mid-way loses nothing and applies nothing twice", async () => {
    const { schema, stream, db, consumer, effects, pending } = await fixture();
    const events = ["E1", "E2", "E3", "E4", "E5"].map(newEvent);
    await publish(stream, ...events);

    // Consumer A dies (its connection drops) right after committing its second event: E1 is
    // applied and acknowledged, E2 applied but never acknowledged, E3 delivered but never started,
    // E4 and E5 never delivered.
    const aRedis = await connected(createRedis(REDIS_URL));
    cleanups.push(async () => aRedis.disconnect());
    let commits = 0;
    const aDb: TransactionalSqlClient = {
      $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => db.$queryRawUnsafe<T>(query, ...values),
      async $transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: { maxWait?: number; timeout?: number }) {
        const result = await db.$transaction(fn, options);
        if (++commits === 2) aRedis.disconnect();
        return result;
      },
    };
    const a = consumer({ consumer: "a", redis: aRedis, db: aDb, batchSize: 3 });
    await expect(a.processAvailable()).rejects.toThrow();
    expect((await effects()).map((e) => e.type)).toEqual(["E1", "E2"]);
    expect(await pending()).toBe(2);

    // Consumer B, another process in the same group, takes over A's entries once they are idle.
    const b = consumer({ consumer: "b", db: schema.prisma() });
    await sleep(60);
    expect(await b.processAvailable()).toBe(3);

    const applied = await effects();
    expect(applied.map((e) => e.eventId)).toEqual(events.map((e) => e.id)); // each exactly once
    expect(applied.map((e) => e.consumer)).toEqual(["a", "a", "b", "b", "b"]);
    expect(await pending()).toBe(0);
  });

  it("a repeat (e.g. republished after Redis lost data) keeps its processed row for another retention", async () => {
    const { schema, stream, group, consumer, effects } = await fixture();
    const event = newEvent("A");
    await publish(stream, event);
    const reader = consumer();
    expect(await reader.processAvailable()).toBe(1);
    const age = async () =>
      (await schema.sql.query<{ hours: number }>(`SELECT extract(epoch FROM LOCALTIMESTAMP - "processed_at")::float / 3600 AS hours FROM "${schema.name}"."processed_event" WHERE "consumer_group" = $1`, [group])).rows[0].hours;
    await schema.sql.query(`UPDATE "${schema.name}"."processed_event" SET "processed_at" = LOCALTIMESTAMP - interval '30 hours'`);
    expect(await age()).toBeGreaterThan(29);

    await publish(stream, event);
    expect(await reader.processAvailable()).toBe(0);
    expect(await age()).toBeLessThan(1);
    expect(await effects()).toHaveLength(1);
  });

  it("hands only the listed types to the handler and acknowledges the others", async () => {
    const { stream, consumer, effects, processed, pending } = await fixture();
    const events = [newEvent("OrderPlaced"), newEvent("PaymentCaptured"), newEvent("OrderPlaced"), newEvent("OrderShipped")];
    await publish(stream, ...events);

    expect(await consumer({ types: ["OrderPlaced"] }).processAvailable()).toBe(2);
    expect((await effects()).map((e) => e.eventId)).toEqual([events[0].id, events[2].id]);
    expect(new Set(await processed())).toEqual(new Set([events[0].id, events[2].id]));
    expect(await pending()).toBe(0);
  });

  it("logs and acknowledges a malformed entry instead of letting it block the stream", async () => {
    const { stream, consumer, effects, pending } = await fixture();
    const valid = newEvent("A");
    await redis.xadd(stream, "*", "id", "broken-1", "type", "A", "event", "{not json");
    await publish(stream, valid);
    const { lines, logger } = recordingLogger();

    expect(await consumer({ logger }).processAvailable()).toBe(1);
    expect((await effects()).map((e) => e.eventId)).toEqual([valid.id]);
    expect(await pending()).toBe(0);
    expect(lines).toEqual([expect.objectContaining({ level: "error", fields: expect.objectContaining({ eventId: "broken-1", reason: "the event field is not JSON" }) })]);
  });

  it("two consumers of one group, started together, apply every event exactly once between them", async () => {
    const { schema, stream, consumer, effects, pending } = await fixture();
    const events = Array.from({ length: 200 }, (_, i) => newEvent(`E${i}`));
    await publish(stream, ...events.slice(0, 120));

    // Two processes: each its own blocking connection and database pool.
    const blockMs = 100;
    const readers = ["a", "b"].map((name) => {
      const own = createBlockingRedis(REDIS_URL, blockMs);
      cleanups.push(async () => own.disconnect());
      return consumer({ consumer: name, redis: own, db: schema.prisma(), blockMs, batchSize: 7 });
    });
    for (const reader of readers) reader.start();
    // Some arrive while both are waiting in a blocking read.
    await eventually(async () => (await blockedReaders()) >= 2);
    await publish(stream, ...events.slice(120));
    await eventually(async () => (await effects()).length >= events.length);
    await Promise.all(readers.map((reader) => reader.stop()));

    const applied = (await effects()).map((e) => e.eventId);
    expect(applied).toHaveLength(events.length);
    expect(new Set(applied)).toEqual(new Set(events.map((e) => e.id)));
    expect(await pending()).toBe(0);
  });

  it("stop waits for the batch in flight, which is applied and acknowledged", async () => {
    const { stream, consumer, applyEffect, effects, pending } = await fixture();
    const blockMs = 100;
    const own = createBlockingRedis(REDIS_URL, blockMs);
    cleanups.push(async () => own.disconnect());
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered = false;
    let stopped = false;
    // What `stopped` was when the batch's handler finished: a stop() that did not wait would have
    // returned long before (it awaits nothing else), so it would read true here.
    let stoppedDuringBatch: boolean | undefined;
    const reader = consumer({
      redis: own,
      blockMs,
      handle: async (event, tx) => {
        entered = true;
        await gate;
        await applyEffect("a")(event, tx);
        stoppedDuringBatch = stopped;
      },
    });
    reader.start(); // before the client is ready: it waits for it
    await publish(stream, newEvent("A"));
    await eventually(async () => entered);

    const stopping = reader.stop().then(() => (stopped = true));
    release();
    await stopping;
    expect(stoppedDuringBatch).toBe(false);
    expect(await effects()).toHaveLength(1);
    expect(await pending()).toBe(0);
  });

  it("started against an unreachable Redis, logs the outage once and still stops at once", async () => {
    const { consumer } = await fixture();
    const dead = createBlockingRedis("redis://127.0.0.1:1", 200);
    cleanups.push(async () => dead.disconnect());
    const { lines, logger } = recordingLogger();
    const passes: ConsumerPass[] = [];
    const reader = consumer({ redis: dead, blockMs: 200, logger, onPass: (pass) => passes.push(pass) });
    reader.start();
    await eventually(async () => passes.length >= 3); // failed passes after 0, 200 and 600 ms; the next waits until 1400 ms
    expect(passes.every((pass) => pass.error !== undefined)).toBe(true);
    expect(lines.map((l) => [l.level, l.msg])).toEqual([["warn", "stream consumer cannot read; retrying with backoff"]]);
    const started = Date.now();
    await reader.stop();
    expect(Date.now() - started).toBeLessThan(400); // the backoff wait is cut short
  });

  it("refuses a connection whose commandTimeout would cut off its blocking reads, and an unsafe schema", async () => {
    const { consumer } = await fixture();
    expect(() => consumer({ blockMs: 10_000 })).toThrow(/createBlockingRedis/);
    expect(() => consumer({ schema: 'cart"; DROP TABLE x; --' })).toThrow(TypeError);
  });
});
