import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Outbox, type NewEvent } from "../src/index.js";
import { createOutboxSchema, type OutboxSchema } from "./outbox-schema.js";

let schema: OutboxSchema;
let db: ReturnType<OutboxSchema["prisma"]>;
let outbox: Outbox;

beforeAll(async () => {
  schema = await createOutboxSchema();
  db = schema.prisma();
  outbox = new Outbox({ schema: schema.name });
});
afterAll(() => schema?.drop());

const event = (aggregateId: string, type: string, data: Record<string, unknown> = {}): NewEvent => ({
  type,
  aggregateId,
  userId: "user-1",
  occurredAt: new Date("2026-01-02T03:04:05.678Z"),
  data,
});

describe("Outbox", () => {
  it("refuses a schema name that is not a plain identifier", () => {
    expect(() => new Outbox({ schema: 'cart"; DROP TABLE x; --' })).toThrow(TypeError);
    expect(() => new Outbox({ schema: "Cart" })).toThrow(TypeError);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const aggregateId = randomUUID();
    await expect(
      db.$transaction(async (tx) => {
        await outbox.append(tx, [event(aggregateId, "CartCreated"), event(aggregateId, "CartLineAdded")]);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await outbox.history(db, aggregateId, 10)).toEqual([]);
    expect(await outbox.pendingCount(db)).toBe(0);
  });

  it("writes all events of a committed transaction, with generated ids, as pending", async () => {
    const aggregateId = randomUUID();
    const appended = await db.$transaction((tx) =>
      outbox.append(tx, [event(aggregateId, "CartCreated"), { ...event(aggregateId, "CartLineAdded", { productId: "p1", quantity: 2 }), userId: null }]),
    );
    expect(appended.map((e) => e.type)).toEqual(["CartCreated", "CartLineAdded"]);
    expect(new Set(appended.map((e) => e.id)).size).toBe(2);
    expect(appended[1]).toMatchObject({ userId: null, occurredAt: "2026-01-02T03:04:05.678Z", data: { productId: "p1", quantity: 2 } });

    const { rows } = await schema.sql.query(`SELECT id, occurred_at::text AS at FROM "${schema.name}".outbox_event WHERE aggregate_id = $1 ORDER BY position`, [aggregateId]);
    expect(rows.map((r) => r.id)).toEqual(appended.map((e) => e.id));
    // Stored as UTC wall-clock time, as Prisma stores its own DateTime columns.
    expect(rows[0].at).toBe("2026-01-02 03:04:05.678");
    expect(await outbox.pendingCount(db)).toBeGreaterThanOrEqual(2);
  });

  it("reads an aggregate's history newest first, limited to `first`", async () => {
    const aggregateId = randomUUID();
    await db.$transaction((tx) => outbox.append(tx, [event(aggregateId, "First"), event(aggregateId, "Second")]));
    await db.$transaction((tx) => outbox.append(tx, [event(aggregateId, "Third", { nested: { ok: true } })]));
    await db.$transaction((tx) => outbox.append(tx, [event(randomUUID(), "SomeoneElse")]));

    const history = await outbox.history(db, aggregateId, 10);
    expect(history.map((e) => e.type)).toEqual(["Third", "Second", "First"]);
    expect(history[0]).toMatchObject({ aggregateId, userId: "user-1", occurredAt: "2026-01-02T03:04:05.678Z", data: { nested: { ok: true } }, publishedAt: null });
    expect((await outbox.history(db, aggregateId, 2)).map((e) => e.type)).toEqual(["Third", "Second"]);
    expect(await outbox.history(db, aggregateId, 0)).toEqual([]);
  });

  it("appending no events writes nothing", async () => {
    expect(await outbox.append(db, [])).toEqual([]);
  });
});
