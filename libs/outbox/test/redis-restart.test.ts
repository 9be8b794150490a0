// Events survive a Redis that crashes (SIGKILL) and comes back, with or without its append-only
// file: the relays notice the new run, republish from the outbox what Redis lost, and a consumer
// group that was paused during the crash ends with every event applied exactly once.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createBlockingRedis, createRedis, Outbox, OutboxRelay, PROCESSED_EVENT_TABLE_SQL, StreamConsumer, type DomainEvent, type SqlClient } from "../src/index.js";
import { createOutboxSchema } from "./outbox-schema.js";
import { scratchRedis, type ScratchRedis } from "./redis-server.js";
import { connected, eventually as waitFor } from "@trolley/testing";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const eventually = (check: () => Promise<boolean>) => waitFor(check, 20_000);

async function fixture(server: ScratchRedis) {
  const schema = await createOutboxSchema();
  cleanups.push(() => schema.drop());
  await schema.sql.query(`BEGIN; SET LOCAL search_path TO "${schema.name}"; ${PROCESSED_EVENT_TABLE_SQL}
    CREATE TABLE "effect" ("position" BIGSERIAL PRIMARY KEY, "event_id" TEXT NOT NULL); COMMIT;`);
  const stream = `test-events-${randomUUID()}`;
  const outbox = new Outbox({ schema: schema.name });
  const db = schema.prisma();
  const append = (count: number) =>
    db.$transaction((tx) => outbox.append(tx, Array.from({ length: count }, (_, i) => ({ type: "OrderPaid", aggregateId: randomUUID(), userId: null, occurredAt: new Date(), data: { i } }))));
  // Two processes, each with its own pool, Redis connection and relay.
  const newRelay = (redis: Redis = createRedis(server.url)) => {
    cleanups.push(async () => redis.disconnect());
    return new OutboxRelay({ db: schema.prisma(), schema: schema.name, stream, redis, pollIntervalMs: 50, maxBackoffMs: 200 });
  };
  const relays = [newRelay(), newRelay()];
  const consumerRedis = createBlockingRedis(server.url, 100);
  cleanups.push(async () => consumerRedis.disconnect());
  const consumer = new StreamConsumer({
    redis: consumerRedis,
    stream,
    group: "order",
    consumer: "order-1",
    db,
    schema: schema.name,
    blockMs: 100,
    handle: async (event: DomainEvent, tx: SqlClient) => {
      await tx.$executeRawUnsafe(`INSERT INTO "${schema.name}"."effect" ("event_id") VALUES ($1)`, event.id);
    },
  });
  const effects = async () => (await schema.sql.query<{ eventId: string }>(`SELECT "event_id" AS "eventId" FROM "${schema.name}"."effect"`)).rows.map((r) => r.eventId);
  const unpublished = async () => (await schema.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema.name}"."outbox_event" WHERE "published_at" IS NULL`)).rows[0].n;
  return { schema, stream, db, append, newRelay, relays, consumerRedis, consumer, effects, unpublished };
}

describe.each([
  // Everything is lost: the stream and its consumer group.
  { appendonly: false },
  // Only what had not reached the append-only file would be lost.
  { appendonly: true },
])("Redis killed and restarted (appendonly $appendonly)", ({ appendonly }) => {
  it("loses no event: each is applied exactly once by a consumer that was paused during the crash", async () => {
    const server = await scratchRedis();
    cleanups.push(() => server.close());
    await server.start({ appendonly });
    const { append, newRelay, relays, consumerRedis, consumer, effects, unpublished } = await fixture(server);
    await connected(consumerRedis);

    // Two events applied before the crash; three more published while the consumer is paused.
    const before = await append(2);
    for (const relay of relays) relay.start();
    await eventually(async () => (await unpublished()) === 0);
    expect(await consumer.processAvailable()).toBe(2);
    const during = await append(3);
    await eventually(async () => (await unpublished()) === 0);
    if (appendonly) await server.waitForAof(during[2].id); // what Redis wrote to disk survives the kill

    await server.kill();
    const whileDown = await append(1); // written while Redis is gone: waits in the outbox
    await server.start({ appendonly });

    // The consumer resumes: its group is recreated from the stream's start if Redis lost it.
    consumer.start();
    const all = [...before, ...during, ...whileDown].map((e) => e.id);
    await eventually(async () => (await effects()).length >= all.length && (await unpublished()) === 0);
    await consumer.stop();
    for (const relay of relays) await relay.stop();
    // Everything the outbox holds is applied once: one effect row per event.
    expect((await effects()).sort()).toEqual([...all].sort());

    // Recovery is over: a relay that starts now (another process) checks this Redis afresh and
    // finds nothing lost, so the republish does not repeat itself.
    const late = newRelay(await connected(createRedis(server.url)));
    expect(await late.checkRedis()).toBe(0);
    expect(await late.drain()).toBe(0);
  });
});

describe("a batch that reaches a restarted Redis before any relay checked it", () => {
  it("is rolled back instead of hiding the loss, and the check then republishes everything lost", async () => {
    const server = await scratchRedis();
    cleanups.push(() => server.close());
    await server.start({ appendonly: false });
    const { append, newRelay, unpublished, stream } = await fixture(server);
    const redis = await connected(createRedis(server.url));
    const relay = newRelay(redis);
    const first = await append(3);
    expect(await relay.drain()).toBe(3); // checked this Redis run, then published

    // Redis restarts empty between the relay's check and its next batch.
    await server.kill();
    await server.start({ appendonly: false });
    await connected(redis);
    const second = await append(2);
    // The batch's MULTI runs on the new Redis, which nobody checked: committing it would make
    // the stream look intact. It fails and marks nothing.
    const racing = await relay.publishPending().then(() => "committed", (error: Error) => error.message);
    expect(racing).toMatch(/restarted/);
    expect(await unpublished()).toBe(2);

    // The next run checks, finds all three earlier events gone, and sends all five.
    await relay.drain();
    const ids = (await redis.xrange(stream, "-", "+")).map(([, fields]) => fields[fields.indexOf("id") + 1]);
    // The two of the rolled-back batch are on the stream twice (consumers dedupe); nothing is missing.
    expect(new Set(ids)).toEqual(new Set([...first, ...second].map((e) => e.id)));
    expect(await unpublished()).toBe(0);
  });
});
