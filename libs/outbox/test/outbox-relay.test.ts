import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, Outbox, OutboxRelay, type DomainEvent, type RelayLogger, type RelayRun, type SqlClient, type TransactionalSqlClient } from "../src/index.js";
import { createOutboxSchema, type OutboxSchema } from "./outbox-schema.js";
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
  if (streams.length) await redis.del(...streams);
  redis.disconnect();
});

/** A fresh outbox schema and stream per test, so tests neither see nor publish each other's events. */
async function fixture() {
  const schema: OutboxSchema = await createOutboxSchema();
  cleanups.push(() => schema.drop());
  const stream = `test-events-${randomUUID()}`;
  streams.push(stream);
  const db = schema.prisma();
  const outbox = new Outbox({ schema: schema.name });
  const appendEvents = (aggregateId: string, types: string[]) =>
    db.$transaction((tx) => outbox.append(tx, types.map((type, i) => ({ type, aggregateId, userId: null, occurredAt: new Date(), data: { i } }))));
  const relay = (
    options: { redis?: Redis; db?: TransactionalSqlClient; batchSize?: number; pollIntervalMs?: number; maxBackoffMs?: number; logger?: RelayLogger; onRun?: (run: RelayRun) => void } = {},
  ) =>
    new OutboxRelay({ db, schema: schema.name, stream, redis, ...options });
  return { schema, stream, db, outbox, appendEvents, relay };
}

/** The stream as a consumer reads it. */
async function readStream(stream: string) {
  const entries = await redis.xrange(stream, "-", "+");
  return entries.map(([, fields]) => {
    const map = new Map<string, string>();
    for (let i = 0; i < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
    return { id: map.get("id")!, type: map.get("type")!, event: JSON.parse(map.get("event")!) as DomainEvent };
  });
}

const eventually = (check: () => Promise<boolean>) => waitFor(check, 5_000);

/** Resolves for everyone once `parties` callers are waiting in it; fails if they never are. */
function barrier(parties: number, timeoutMs = 5_000) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === parties) open();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${arrived} of ${parties} reached the barrier`)), timeoutMs)));
    try {
      await Promise.race([opened, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The relay's database, its first batch held at the barrier just before the rows are marked published. */
function waitingBeforeFirstMark(client: TransactionalSqlClient, wait: () => Promise<void>): TransactionalSqlClient {
  let first = true;
  return {
    $executeRawUnsafe: (query, ...values) => client.$executeRawUnsafe(query, ...values),
    $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => client.$queryRawUnsafe<T>(query, ...values),
    $transaction: (fn, options) =>
      client.$transaction(
        (tx) =>
          fn({
            $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => tx.$queryRawUnsafe<T>(query, ...values),
            async $executeRawUnsafe(query, ...values) {
              if (first && query.includes(`"stream_entry_id" = v."entry_id"`)) {
                first = false;
                await wait();
              }
              return tx.$executeRawUnsafe(query, ...values);
            },
          }),
        options,
      ),
  };
}

describe("OutboxRelay", () => {
  it("publishes pending events in order, as the contract's JSON, and marks them published", async () => {
    const { stream, db, outbox, appendEvents, relay } = await fixture();
    const cart = randomUUID();
    const first = await appendEvents(cart, ["CartCreated", "CartLineAdded"]);
    const second = await appendEvents(cart, ["CartLineRemoved"]);

    expect(await relay({ batchSize: 2 }).drain()).toBe(3);

    const published = await readStream(stream);
    expect(published.map((e) => e.id)).toEqual([...first, ...second].map((e) => e.id));
    expect(published.map((e) => e.type)).toEqual(["CartCreated", "CartLineAdded", "CartLineRemoved"]);
    expect(published[0].event).toEqual(first[0]);
    expect(Object.keys(published[0].event)).toEqual(["id", "type", "occurredAt", "aggregateId", "userId", "data"]);
    expect(await outbox.pendingCount(db)).toBe(0);
    for (const entry of await outbox.history(db, cart, 10)) expect(entry.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    // Published rows are not sent again.
    expect(await relay().publishPending()).toBe(0);
    expect(await redis.xlen(stream)).toBe(3);
  });

  it("marks nothing while Redis is unreachable, then publishes every event exactly once", async () => {
    const { stream, db, outbox, appendEvents, relay } = await fixture();
    const dead = createRedis("redis://127.0.0.1:1");
    cleanups.push(async () => dead.disconnect());
    const appended = [...(await appendEvents(randomUUID(), ["A", "B"])), ...(await appendEvents(randomUUID(), ["C"]))];

    const started = Date.now();
    await expect(relay({ redis: dead }).publishPending()).rejects.toThrow();
    await expect(relay({ redis: dead }).drain()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000); // fails fast instead of waiting for Redis
    expect(await outbox.pendingCount(db)).toBe(3);
    expect(await redis.exists(stream)).toBe(0);

    expect(await relay().drain()).toBe(3);
    const published = await readStream(stream);
    expect(published.map((e) => e.id)).toEqual(appended.map((e) => e.id));
    expect(await outbox.pendingCount(db)).toBe(0);
  });

  it("two relays draining at once publish each event exactly once", async () => {
    const { schema, stream, db, outbox, appendEvents, relay } = await fixture();
    const appended: DomainEvent[] = [];
    for (let i = 0; i < 20; i++) appended.push(...(await appendEvents(randomUUID(), Array.from({ length: 10 }, (_, j) => `E${j}`))));

    // Two processes: each its own database pool and Redis connection.
    const otherRedis = createRedis(REDIS_URL);
    cleanups.push(async () => otherRedis.disconnect());
    await connected(otherRedis);
    // Each relay's first batch, its rows locked and sent, waits before marking them until the other's
    // first batch is there too: both hold a batch at once. SKIP LOCKED gives them different rows;
    // without FOR UPDATE they would send the same 7 twice (more than 200 entries), and without
    // SKIP LOCKED the second could not take a batch while the first holds one (the barrier times out).
    const both = barrier(2);
    const relays = [relay({ batchSize: 7, db: waitingBeforeFirstMark(db, both) }), relay({ batchSize: 7, db: waitingBeforeFirstMark(schema.prisma(), both), redis: otherRedis })];
    // Each checks this Redis first, which waits for batches in flight (checks exclude batches).
    for (const r of relays) await r.checkRedis();
    const [a, b] = await Promise.all(relays.map((r) => r.drain()));

    expect(a + b).toBe(200);
    const ids = (await readStream(stream)).map((e) => e.id);
    expect(ids).toHaveLength(200);
    expect(new Set(ids)).toEqual(new Set(appended.map((e) => e.id)));
    expect(await outbox.pendingCount(db)).toBe(0);
  });

  it("started, publishes soon after notify and stops cleanly", async () => {
    const { stream, db, outbox, appendEvents, relay } = await fixture();
    const running = relay({ pollIntervalMs: 60_000 });
    running.start();
    await eventually(async () => (await outbox.pendingCount(db)) === 0); // the first run at start
    await appendEvents(randomUUID(), ["A", "B"]);
    for (let i = 0; i < 10; i++) running.notify();
    await eventually(async () => (await redis.xlen(stream)) === 2);
    await running.stop();
    expect(await outbox.pendingCount(db)).toBe(0);
  });

  it("folds notifies during a run into one more run, and stop waits for the run", async () => {
    const { stream, db, appendEvents, relay } = await fixture();
    await appendEvents(randomUUID(), ["A", "B"]);
    // The database as the relay sees it, recording each transaction and holding the first.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let transactions = 0;
    const recorded: TransactionalSqlClient = {
      $executeRawUnsafe: (query, ...values) => db.$executeRawUnsafe(query, ...values),
      $queryRawUnsafe: <T>(query: string, ...values: unknown[]) => db.$queryRawUnsafe<T>(query, ...values),
      async $transaction<T>(fn: (tx: SqlClient) => Promise<T>, options?: { maxWait?: number; timeout?: number }) {
        if (transactions++ === 0) await gate;
        return db.$transaction(fn, options);
      },
    };
    const runs: RelayRun[] = [];
    const running = relay({ db: recorded, pollIntervalMs: 60_000, onRun: (run) => runs.push(run) });
    running.start();
    await eventually(async () => transactions === 1);
    for (let i = 0; i < 10; i++) running.notify();
    release();
    // First run: the check of a Redis it had not seen, the batch, then an empty query; the folded
    // notifies: one more empty query (the same Redis needs no second check).
    await eventually(async () => transactions === 4);
    // The second run is over and the relay has settled on its poll interval: the ten notifies asked
    // for that one run and no other.
    await eventually(async () => runs.length === 2);
    expect(runs.map((run) => run.nextRunInMs)).toEqual([0, 60_000]);
    expect(transactions).toBe(4);
    expect(await redis.xlen(stream)).toBe(2);

    // stop() while a run is held returns only once that run is over.
    let hold!: () => void;
    const held = new Promise<void>((resolve) => (hold = resolve));
    let enter!: () => void;
    const entered = new Promise<void>((resolve) => (enter = resolve));
    let stopped = false;
    // What `stopped` was as each of the run's transactions ended: a stop() that did not wait would
    // have returned long before (it awaits nothing else), so it would read true here.
    let stoppedDuringRun = false;
    const slow = relay({
      db: {
        ...recorded,
        $transaction: async (fn, options) => {
          enter();
          await held;
          const result = await db.$transaction(fn, options);
          stoppedDuringRun ||= stopped;
          return result;
        },
      },
      pollIntervalMs: 60_000,
    });
    slow.start();
    await entered;
    const stopping = slow.stop().then(() => (stopped = true));
    hold();
    await stopping;
    expect(stoppedDuringRun).toBe(false);
    expect(stopped).toBe(true);
    await running.stop();
  });

  it("started with a client that is still connecting, waits for it instead of reporting an outage", async () => {
    const { stream, appendEvents, relay } = await fixture();
    await appendEvents(randomUUID(), ["A"]);
    const fresh = createRedis(REDIS_URL);
    cleanups.push(async () => fresh.disconnect());
    const { lines, logger } = recordingLogger();
    const running = relay({ redis: fresh, logger, pollIntervalMs: 60_000 });
    running.start();
    await eventually(async () => (await redis.xlen(stream)) === 1);
    await running.stop();
    expect(lines).toEqual([]);
  });

  it("logs an outage once, keeps retrying, and logs the recovery", async () => {
    const { stream, appendEvents, relay } = await fixture();
    const flaky = createRedis(REDIS_URL);
    cleanups.push(async () => flaky.disconnect());
    await connected(flaky);
    const { lines, logger } = recordingLogger();
    const runs: RelayRun[] = [];
    const running = relay({ redis: flaky, logger, pollIntervalMs: 5, maxBackoffMs: 20, onRun: (run) => runs.push(run) });

    flaky.disconnect();
    await appendEvents(randomUUID(), ["A"]);
    running.start();
    await eventually(async () => runs.length >= 5); // many failed runs
    expect(runs.every((run) => run.error !== undefined)).toBe(true);
    expect(lines).toMatchObject([{ level: "warn", msg: "outbox relay cannot publish; retrying with backoff" }]);

    await flaky.connect();
    await eventually(async () => (await redis.xlen(stream)) === 1);
    await running.stop();
    expect(lines.map((l) => l.level)).toEqual(["warn", "info"]);
  });
});
