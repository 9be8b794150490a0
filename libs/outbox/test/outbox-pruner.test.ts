import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { Outbox, OutboxPruner, PROCESSED_EVENT_TABLE_SQL } from "../src/index.js";
import { createOutboxSchema } from "./outbox-schema.js";

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const HOUR = 3_600_000;

async function fixture() {
  const schema = await createOutboxSchema();
  cleanups.push(() => schema.drop());
  await schema.sql.query(`BEGIN; SET LOCAL search_path TO "${schema.name}"; ${PROCESSED_EVENT_TABLE_SQL} COMMIT;`);
  const db = schema.prisma();
  const outbox = new Outbox({ schema: schema.name });
  const t = `"${schema.name}"."outbox_event"`;
  /** An event published `hoursAgo` hours ago (null: not yet published). */
  const event = async (hoursAgo: number | null) => {
    const [recorded] = await db.$transaction((tx) => outbox.append(tx, [{ type: "A", aggregateId: randomUUID(), userId: null, occurredAt: new Date(), data: {} }]));
    if (hoursAgo !== null) {
      await schema.sql.query(`UPDATE ${t} SET "published_at" = (now() AT TIME ZONE 'UTC') - $2 * interval '1 hour' WHERE "id" = $1`, [recorded.id, hoursAgo]);
    }
    return recorded.id;
  };
  const processed = async (hoursAgo: number) => {
    const id = randomUUID();
    await schema.sql.query(`INSERT INTO "${schema.name}"."processed_event" ("consumer_group", "event_id", "processed_at") VALUES ('g', $1, LOCALTIMESTAMP - $2 * interval '1 hour')`, [id, hoursAgo]);
    return id;
  };
  const outboxIds = async () => (await schema.sql.query<{ id: string }>(`SELECT "id" FROM ${t}`)).rows.map((r) => r.id).sort();
  const processedIds = async () => (await schema.sql.query<{ id: string }>(`SELECT "event_id" AS "id" FROM "${schema.name}"."processed_event"`)).rows.map((r) => r.id).sort();
  const pruner = (batchSize = 1000) => new OutboxPruner({ db, schema: schema.name, retentionMs: 24 * HOUR, processedEvents: true, batchSize });
  return { schema, t, event, processed, outboxIds, processedIds, pruner };
}

describe("OutboxPruner", () => {
  it("deletes published rows and processed rows older than the retention, in batches, and never an unpublished row", async () => {
    const { event, processed, outboxIds, processedIds, pruner } = await fixture();
    for (const hoursAgo of [30, 25, 48]) await event(hoursAgo);
    const kept = [await event(1), await event(23), await event(null)];
    const unpublishedForAges = await event(null); // written long ago but never sent: the relay still owes it
    for (const hoursAgo of [30, 72]) await processed(hoursAgo);
    const recentProcessed = await processed(2);

    expect(await pruner(2).prune()).toEqual({ outboxEvents: 3, processedEvents: 2 });
    expect(await outboxIds()).toEqual([...kept, unpublishedForAges].sort());
    expect(await processedIds()).toEqual([recentProcessed]);
    expect(await pruner().prune()).toEqual({ outboxEvents: 0, processedEvents: 0 });
  });

  it("two replicas at once: a run skips the rows another holds instead of waiting, and the next run takes them", async () => {
    const { t, event, outboxIds, pruner } = await fixture();
    const held = await event(30);
    for (const hoursAgo of [30, 40]) await event(hoursAgo);
    const recent = await event(1);
    // Another replica's batch, stopped while it holds its row lock.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    cleanups.push(() => other.end());
    await other.query("BEGIN");
    await other.query(`SELECT "id" FROM ${t} WHERE "id" = $1 FOR UPDATE`, [held]);

    // Returns while the lock is held (it would hang here without SKIP LOCKED).
    expect((await pruner().prune()).outboxEvents).toBe(2);
    expect(await outboxIds()).toEqual([held, recent].sort());

    await other.query("ROLLBACK");
    expect((await pruner().prune()).outboxEvents).toBe(1);
    expect(await outboxIds()).toEqual([recent]);
  });
});
