// Cart housekeeping run by three cart processes at the same moment: each abandoned cart is flagged
// once with one CartAbandoned, each expired guest cart is deleted once. Each replica is the job's
// own runner with a database client and a Redis connection of its own, as three processes have.
// The overlap is forced: a fourth connection holds the carts' rows until all three replicas'
// statements are queued behind them (pg_stat_activity), then lets go.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connected } from "@trolley/testing";
import { createRedis, Outbox } from "@trolley/outbox";
import type { Redis } from "ioredis";
import { connectCartDb, type CartDb } from "../../subgraphs/cart/src/db.js";
import { ActivityIndex } from "../../subgraphs/cart/src/housekeeping/activity-index.js";
import { CartHousekeeping } from "../../subgraphs/cart/src/housekeeping/cart-housekeeping.js";
import { HousekeepingStore } from "../../subgraphs/cart/src/housekeeping/housekeeping.store.js";
import { whileHolding } from "../support/lock-waiter.js";
import { REPLICAS, replicaClients } from "../support/replicas.js";
import { DAY, HOUR, TestClock } from "../support/test-clock.js";

const clock = new TestClock();
let dbs: ReturnType<typeof replicaClients<CartDb>>;
let db: CartDb;
const connections: Redis[] = [];
let housekeepings: CartHousekeeping[];

beforeAll(async () => {
  dbs = replicaClients(() => connectCartDb(process.env.DATABASE_URL!));
  db = connectCartDb(process.env.DATABASE_URL!);
  housekeepings = await Promise.all(
    dbs.clients.map(async (replicaDb) => {
      const redis = await connected(createRedis(process.env.REDIS_URL!));
      connections.push(redis);
      const settings = { abandonedAfterMs: HOUR, guestCartTtlMs: 30 * DAY };
      return new CartHousekeeping(new HousekeepingStore(replicaDb), new Outbox({ schema: "cart" }), new ActivityIndex(redis), clock, settings, { info() {} });
    }),
  );
});
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  await db?.$disconnect();
  await dbs?.close();
});

/** Runs every replica's housekeeping while the test holds `cartIds` locked, letting go once all three wait on them. */
const runAllHolding = (cartIds: string[]) =>
  whileHolding(db, (tx) => tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ANY(${cartIds}) FOR UPDATE`, REPLICAS, () =>
    Promise.all(housekeepings.map((housekeeping) => housekeeping.runOnce())),
  );

describe("cart housekeeping in three cart processes at once", () => {
  it("flags each abandoned cart once, with one CartAbandoned", async () => {
    const idleSince = new Date(clock.now().getTime() - 2 * HOUR);
    const carts = await Promise.all(
      Array.from({ length: 4 }, () =>
        db.cart.create({ data: { ownerId: `user-${randomUUID()}`, lastActivityAt: idleSince, lines: { create: [{ productId: randomUUID(), quantity: 2 }] } } }),
      ),
    );
    const ours = new Set(carts.map((cart) => cart.id));

    // Every replica's conditional UPDATE waits on the held rows; once let go, one flags each cart.
    const runs = await runAllHolding([...ours]);

    expect(runs.flatMap((run) => run.abandoned).filter((id) => ours.has(id)).sort()).toEqual([...ours].sort());
    const events = await db.outboxEvent.findMany({ where: { aggregateId: { in: [...ours] } }, select: { aggregateId: true, type: true } });
    expect(events.map((event) => event.type)).toEqual(carts.map(() => "CartAbandoned"));
    expect(new Set(events.map((event) => event.aggregateId))).toEqual(ours);
  });

  it("deletes each guest cart idle past its time once", async () => {
    const idleSince = new Date(clock.now().getTime() - 40 * DAY);
    const carts = await Promise.all(Array.from({ length: 4 }, () => db.cart.create({ data: { ownerId: `guest:${randomUUID()}`, lastActivityAt: idleSince } })));
    const ours = new Set(carts.map((cart) => cart.id));

    // Every replica's DELETE waits on the held rows; once let go, each cart is deleted by one of them.
    const runs = await runAllHolding([...ours]);

    expect(runs.flatMap((run) => run.deleted).filter((id) => ours.has(id)).sort()).toEqual([...ours].sort());
    expect(await db.cart.count({ where: { id: { in: [...ours] } } })).toBe(0);
  });
});
