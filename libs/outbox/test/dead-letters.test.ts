import { randomUUID } from "node:crypto";
import { once } from "node:events";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, DeadLetters, PROCESSED_EVENT_TABLE_SQL, StreamConsumer, type DomainEvent, type SqlClient } from "../src/index.js";
import { createOutboxSchema } from "./outbox-schema.js";

const REDIS_URL = process.env.REDIS_URL!;
let redis: Redis;
const keys: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  redis = createRedis(REDIS_URL);
  if (redis.status !== "ready") await once(redis, "ready");
});
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

async function fixture() {
  const schema = await createOutboxSchema();
  cleanups.push(() => schema.drop());
  await schema.sql.query(`BEGIN; SET LOCAL search_path TO "${schema.name}"; ${PROCESSED_EVENT_TABLE_SQL}
    CREATE TABLE "effect" ("position" BIGSERIAL PRIMARY KEY, "group" TEXT NOT NULL, "event_id" TEXT NOT NULL); COMMIT;`);
  const stream = `test-events-${randomUUID()}`;
  const deadLetterStream = `test-dead-letters-${randomUUID()}`;
  keys.push(stream, deadLetterStream);
  const db = schema.prisma();
  const failing = new Set<string>(); // groups whose handler is broken
  const calls = new Map<string, number>();
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const logger = Object.fromEntries(["info", "warn", "error"].map((level) => [level, (msg: string, fields?: Record<string, unknown>) => void lines.push({ level, msg, fields })])) as never;
  const deadLettered: { stream: string; group: string; entryId: string; eventId: string; type: string }[] = [];
  const consumer = (group: string) =>
    new StreamConsumer({
      redis, stream, group, consumer: "m1", db, schema: schema.name, claimIdleMs: 1, maxDeliveries: 3, deadLetterStream, logger,
      onDeadLetter: (letter) => void deadLettered.push(letter),
      handle: async (event: DomainEvent, tx: SqlClient) => {
        calls.set(group, (calls.get(group) ?? 0) + 1);
        if (failing.has(group)) throw new Error(`the ${group} handler is broken`);
        await tx.$executeRawUnsafe(`INSERT INTO "${schema.name}"."effect" ("group", "event_id") VALUES ($1, $2)`, group, event.id);
      },
    });
  const effects = async () => (await schema.sql.query<{ group: string; eventId: string }>(`SELECT "group", "event_id" AS "eventId" FROM "${schema.name}"."effect" ORDER BY "position"`)).rows;
  const event: DomainEvent = { id: randomUUID(), type: "PaymentSucceeded", occurredAt: new Date().toISOString(), aggregateId: randomUUID(), userId: "u1", data: { orderId: "o1" } };
  const entryId = (await redis.xadd(stream, "*", "id", event.id, "type", event.type, "event", JSON.stringify(event)))!;
  return { stream, deadLetterStream, failing, calls, lines, deadLettered, consumer, effects, event, entryId };
}

describe("dead letters", () => {
  it("after maxDeliveries failed deliveries the entry moves to the dead letters, acknowledged, logged once; replay applies it once", async () => {
    const { stream, deadLetterStream, failing, calls, lines, deadLettered, consumer, effects, event, entryId } = await fixture();
    failing.add("order");
    const order = consumer("order");
    const catalog = consumer("catalog");
    expect(await catalog.processAvailable()).toBe(1);

    // Deliveries 1 and 2 fail and leave it pending; the 3rd failure gives up on it.
    for (let pass = 0; deadLettered.length === 0 && pass < 20; pass++) await order.processAvailable();
    expect(calls.get("order")).toBe(3);
    expect((await redis.xpending(stream, "order"))[0]).toBe(0);
    expect(deadLettered).toEqual([{ stream, group: "order", entryId, eventId: event.id, type: "PaymentSucceeded" }]);
    expect(lines.filter((l) => l.level === "error").map((l) => l.msg)).toEqual(["stream event failed every delivery and was moved to the dead letters"]);
    expect(JSON.stringify(lines)).not.toContain("u1"); // the event's data stays out of the log

    const letters = new DeadLetters(redis, deadLetterStream);
    const { deadLetters, hasNextPage } = await letters.list(20);
    expect(hasNextPage).toBe(false);
    expect(deadLetters).toEqual([
      expect.objectContaining({ stream, group: "order", entryId, eventId: event.id, type: "PaymentSucceeded", error: "Error: the order handler is broken", attempts: 3 }),
    ]);
    expect(JSON.parse(deadLetters[0].event)).toEqual(event);
    expect(Date.parse(deadLetters[0].deadLetteredAt)).not.toBeNaN();

    // Nothing more happens to it: another pass neither retries nor dead-letters it again.
    expect(await order.processAvailable()).toBe(0);
    expect(deadLettered).toHaveLength(1);
    expect(calls.get("order")).toBe(3);

    // The operator fixes the cause and replays: the failed group applies it, the other skips it.
    failing.delete("order");
    expect(await letters.replay(deadLetters[0].id)).toEqual(deadLetters[0]);
    expect(await letters.list(20)).toEqual({ deadLetters: [], hasNextPage: false });
    expect(await order.processAvailable()).toBe(1);
    expect(await catalog.processAvailable()).toBe(0);
    expect(await effects()).toEqual([{ group: "catalog", eventId: event.id }, { group: "order", eventId: event.id }]);

    expect(await letters.replay(deadLetters[0].id)).toBeNull();
    expect(await letters.replay("not-an-id")).toBeNull();
  });

  it("lists newest first, page by page", async () => {
    const deadLetterStream = `test-dead-letters-${randomUUID()}`;
    keys.push(deadLetterStream);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await redis.xadd(deadLetterStream, "*", "eventId", `e${i}`, "attempts", "3"))!);
    const letters = new DeadLetters(redis, deadLetterStream);
    const first = await letters.list(2);
    expect(first.deadLetters.map((d) => d.eventId)).toEqual(["e4", "e3"]);
    expect(first.hasNextPage).toBe(true);
    const second = await letters.list(2, first.deadLetters[1].id);
    expect(second.deadLetters.map((d) => d.eventId)).toEqual(["e2", "e1"]);
    const last = await letters.list(2, second.deadLetters[1].id);
    expect(last).toEqual({ deadLetters: [expect.objectContaining({ eventId: "e0", id: ids[0] })], hasNextPage: false });
  });
});
