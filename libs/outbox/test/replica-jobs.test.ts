// The event plumbing every context runs in each of its processes, with three processes at the same
// moment: relays publish each outbox row once, consumers of one group apply each entry once (even
// an entry two of them took over from a slow third), retention deletes each old row once, and
// trimming removes what the groups are done with, once. Each replica has its own database client
// and Redis connection. The overlap is forced, never hoped for: a fourth connection holds the table
// until all three are queued behind it, or Redis holds their writes (CLIENT PAUSE WRITE) until
// all three are waiting in it.
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected, whileRedisWritesPaused } from "@trolley/testing";
import {
  createRedis,
  Outbox,
  OutboxPruner,
  OutboxRelay,
  PROCESSED_EVENT_TABLE_SQL,
  StreamConsumer,
  StreamTrimmer,
  type DomainEvent,
  type SqlClient,
} from "../src/index.js";
import { gate } from "../../../test/support/gate.js";
import { lockWaiter } from "../../../test/support/lock-waiter.js";
import { REPLICAS, whileTableLocked } from "../../../test/support/replicas.js";
import { createOutboxSchema, type OutboxSchema } from "./outbox-schema.js";

const REDIS_URL = process.env.REDIS_URL!;
const replicas = <T>(make: (i: number) => T): T[] => Array.from({ length: REPLICAS }, (_, i) => make(i));

let admin: Redis;
const connections: Redis[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  admin = await connected(createRedis(REDIS_URL));
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const redis of connections) redis.disconnect();
  admin.disconnect();
});

/** A Redis connection of a replica's own. */
async function redisOfReplica(): Promise<Redis> {
  const redis = await connected(createRedis(REDIS_URL));
  connections.push(redis);
  return redis;
}

/** A fresh schema with the outbox, processed_event and an `effect` table handlers write one row per application to. */
async function freshSchema(): Promise<OutboxSchema> {
  const schema = await createOutboxSchema();
  cleanups.push(() => schema.drop());
  await schema.sql.query(`BEGIN; SET LOCAL search_path TO "${schema.name}"; ${PROCESSED_EVENT_TABLE_SQL}
    CREATE TABLE "effect" ("position" BIGSERIAL PRIMARY KEY, "consumer" TEXT NOT NULL, "event_id" TEXT NOT NULL); COMMIT;`);
  return schema;
}

const freshStream = () => {
  const stream = `replica-events-${randomUUID()}`;
  cleanups.push(() => admin.del(stream));
  return stream;
};

const newEvent = (): DomainEvent => ({ id: randomUUID(), type: "Happened", occurredAt: new Date().toISOString(), aggregateId: randomUUID(), userId: null, data: {} });

/** Adds events to the stream the way the relay does; answers their entry ids. */
async function publish(stream: string, events: DomainEvent[]): Promise<string[]> {
  const ids: string[] = [];
  for (const event of events) ids.push((await admin.xadd(stream, "*", "id", event.id, "type", event.type, "event", JSON.stringify(event)))!);
  return ids;
}

async function effects(schema: OutboxSchema) {
  return (await schema.sql.query<{ consumer: string; eventId: string }>(`SELECT "consumer", "event_id" AS "eventId" FROM "${schema.name}"."effect"`)).rows;
}

const applyEffect = (schema: OutboxSchema, consumer: string) => async (event: DomainEvent, tx: SqlClient) => {
  await tx.$executeRawUnsafe(`INSERT INTO "${schema.name}"."effect" ("consumer", "event_id") VALUES ($1, $2)`, consumer, event.id);
};

describe("three processes' outbox relays", () => {
  it("publish each outbox row once, with its own id, however their batches interleave", async () => {
    const schema = await freshSchema();
    const stream = freshStream();
    const outbox = new Outbox({ schema: schema.name });
    const writer = schema.prisma();
    const appended = await writer.$transaction((tx) =>
      outbox.append(tx, Array.from({ length: 24 }, (_, i) => ({ type: "Happened", aggregateId: `agg-${i}`, userId: null, occurredAt: new Date(), data: { i } }))),
    );
    const relays = await Promise.all(replicas(async () => new OutboxRelay({ db: schema.prisma(), schema: schema.name, stream, redis: await redisOfReplica(), batchSize: 4 })));
    // Each has checked this Redis already, so their drains go straight to the rows.
    for (const relay of relays) await relay.checkRedis();

    // Every relay's first batch waits on the table (EXCLUSIVE stops FOR UPDATE), then all take rows at once.
    const published = await whileTableLocked(writer, `"${schema.name}"."outbox_event"`, () => Promise.all(relays.map((relay) => relay.drain())), { mode: "EXCLUSIVE" });

    expect(published.reduce((sum, n) => sum + n, 0)).toBe(appended.length);
    const entries = await admin.xrange(stream, "-", "+");
    const ids = entries.map(([, fields]) => fields[fields.indexOf("id") + 1]);
    expect(ids.sort()).toEqual(appended.map((event) => event.id).sort());
    const rows = (await schema.sql.query<{ id: string; entry: string | null }>(`SELECT "id", "stream_entry_id" AS "entry" FROM "${schema.name}"."outbox_event"`)).rows;
    const entryOf = new Map(entries.map(([entryId, fields]) => [fields[fields.indexOf("id") + 1], entryId]));
    for (const row of rows) expect(row.entry).toBe(entryOf.get(row.id));
  });
});

describe("three processes' consumers of one group", () => {
  it("apply each stream entry once when all three read at the same moment", async () => {
    const schema = await freshSchema();
    const stream = freshStream();
    const group = `group-${randomUUID()}`;
    const consumers = await Promise.all(
      replicas(async (i) => new StreamConsumer({ redis: await redisOfReplica(), stream, group, consumer: `replica-${i}`, db: schema.prisma(), schema: schema.name, handle: applyEffect(schema, `replica-${i}`), batchSize: 5 })),
    );
    // The group exists (and each member knows it) before the race.
    for (const consumer of consumers) expect(await consumer.processAvailable()).toBe(0);
    const events = Array.from({ length: 30 }, newEvent);
    await publish(stream, events);

    // XREADGROUP is a write: all three members' first reads wait inside Redis, then run together.
    const applied = await whileRedisWritesPaused(admin, REPLICAS, () => Promise.all(consumers.map((consumer) => consumer.processAvailable())), { commands: ["xreadgroup"] });

    expect(applied.reduce((sum, n) => sum + n, 0)).toBe(events.length);
    expect((await effects(schema)).map((effect) => effect.eventId).sort()).toEqual(events.map((event) => event.id).sort());
    expect(((await admin.xpending(stream, group)) as [number])[0]).toBe(0);
  });

  it("apply an entry once when two members take it over from a third still applying it", async () => {
    const schema = await freshSchema();
    const stream = freshStream();
    const group = `group-${randomUUID()}`;
    const db = schema.prisma();
    const slow = gate();
    const [first, ...others] = await Promise.all(
      replicas(async (i) => {
        const name = `replica-${i}`;
        const apply = applyEffect(schema, name);
        return new StreamConsumer({
          redis: await redisOfReplica(),
          stream,
          group,
          consumer: name,
          db: i === 0 ? db : schema.prisma(),
          schema: schema.name,
          // The first member is slow: it holds the entry's processed_event row, uncommitted, at the gate.
          handle: async (event, tx) => {
            await apply(event, tx);
            if (i === 0) await slow.pass();
          },
          // The others take over whatever has been pending for a millisecond.
          claimIdleMs: i === 0 ? 60_000 : 1,
        });
      }),
    );
    const event = newEvent();
    await publish(stream, [event]);

    const applying = first.processAvailable();
    await slow.entered;
    // Each of the others claims the entry (XAUTOCLAIM) and waits on the first's uncommitted row.
    const takeovers: Promise<number>[] = [];
    for (const [i, other] of others.entries()) {
      takeovers.push(other.processAvailable());
      await lockWaiter(db, { waiting: i + 1 });
    }
    slow.open();

    expect(await applying).toBe(1);
    expect(await Promise.all(takeovers)).toEqual([0, 0]);
    expect(await effects(schema)).toEqual([{ consumer: "replica-0", eventId: event.id }]);
    expect(((await admin.xpending(stream, group)) as [number])[0]).toBe(0);
  });

  it("dead-letter an entry once when two members give up on its last delivery at the same moment", async () => {
    const schema = await freshSchema();
    const stream = freshStream();
    const group = `group-${randomUUID()}`;
    const deadLetterStream = freshStream();
    const db = schema.prisma();
    const slow = gate();
    const dead: string[] = [];
    const [first, taker] = await Promise.all(
      [0, 1].map(async (i) =>
        new StreamConsumer({
          redis: await redisOfReplica(),
          stream,
          group,
          consumer: `replica-${i}`,
          db: i === 0 ? db : schema.prisma(),
          schema: schema.name,
          // The first member fails slowly (at the gate, holding the entry's processed_event row); the second at once.
          handle: async () => {
            if (i === 0) await slow.pass();
            throw new Error("poison");
          },
          // The second takes over what has been pending a millisecond: the entry's second and last delivery.
          claimIdleMs: i === 0 ? 60_000 : 1,
          maxDeliveries: 2,
          deadLetterStream,
          onDeadLetter: (letter) => void dead.push(letter.eventId),
        }),
      ),
    );
    const event = newEvent();
    await publish(stream, [event]);
    const failing = first.processAvailable();
    await slow.entered;
    // The second claims the entry and waits on the first's uncommitted row.
    const takingOver = taker.processAvailable();
    await lockWaiter(db);

    // The first fails, then the second: both find the entry at its last delivery, and their claims
    // to move it (SET NX) wait inside Redis until both are there.
    await whileRedisWritesPaused(admin, 2, async () => {
      slow.open();
      return Promise.all([failing, takingOver]);
    }, { commands: ["set"] });

    expect((await admin.xrange(deadLetterStream, "-", "+")).map(([, fields]) => fields[fields.indexOf("eventId") + 1])).toEqual([event.id]);
    expect(dead).toEqual([event.id]);
    expect(((await admin.xpending(stream, group)) as [number])[0]).toBe(0);
  });
});

describe("three processes' outbox housekeeping", () => {
  it("deletes each row past retention once, and only those", async () => {
    const schema = await freshSchema();
    const table = `"${schema.name}"."outbox_event"`;
    await schema.sql.query(
      `INSERT INTO ${table} ("id", "type", "aggregate_id", "occurred_at", "data", "published_at")
       SELECT gen_random_uuid()::text, 'Happened', 'agg', now(), '{}'::jsonb, (now() AT TIME ZONE 'UTC') - interval '2 days' FROM generate_series(1, 30)
       UNION ALL
       SELECT gen_random_uuid()::text, 'Happened', 'agg', now(), '{}'::jsonb, (now() AT TIME ZONE 'UTC') FROM generate_series(1, 5)`,
    );
    const pruners = replicas(() => new OutboxPruner({ db: schema.prisma(), schema: schema.name, retentionMs: 24 * 3_600_000, processedEvents: true, batchSize: 4 }));

    // SHARE stops DELETE: every pruner's first batch waits on the table, then all three delete at once.
    const runs = await whileTableLocked(schema.prisma(), table, () => Promise.all(pruners.map((pruner) => pruner.prune())), { mode: "SHARE" });

    expect(runs.reduce((sum, run) => sum + run.outboxEvents, 0)).toBe(30);
    expect((await schema.sql.query(`SELECT count(*)::int AS "n" FROM ${table}`)).rows[0].n).toBe(5);
  });

  it("trims the stream once to what every group is done with", async () => {
    const stream = freshStream();
    const group = `group-${randomUUID()}`;
    const entryIds = await publish(stream, Array.from({ length: 20 }, newEvent));
    await admin.xgroup("CREATE", stream, group, "0");
    // The group read all twenty and acknowledged the first twelve.
    await admin.xreadgroup("GROUP", group, "reader", "COUNT", 20, "STREAMS", stream, ">");
    await admin.xack(stream, group, ...entryIds.slice(0, 12));
    const trimmers = await Promise.all(replicas(async () => new StreamTrimmer({ redis: await redisOfReplica(), stream, maxLength: 1000 })));

    // XTRIM is a write: all three trims wait inside Redis, then run together.
    const runs = await whileRedisWritesPaused(admin, REPLICAS, () => Promise.all(trimmers.map((trimmer) => trimmer.trim())), { commands: ["xtrim"] });

    expect(runs.map((run) => run.minId)).toEqual(replicas(() => entryIds[12]));
    expect(runs.reduce((sum, run) => sum + run.removed, 0)).toBe(12);
    expect((await admin.xrange(stream, "-", "+")).map(([id]) => id)).toEqual(entryIds.slice(12));
  });
});
