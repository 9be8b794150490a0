// The gateway's live cart relay in three gateway processes: each process is one member of the
// fleet's consumer group (per replica by design, not claimed), and each cart event is published
// once, by whichever member took it. All three members are waiting in their reads (Redis shows
// them blocked) before the events come, so every one of them competes for every event.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { createLogger } from "@trolley/http";
import { compareStreamIds, createBlockingRedis, createRedis } from "@trolley/outbox";
import { connected, eventually } from "@trolley/testing";
import { LiveCartHub } from "../../gateway/src/live-cart/live-cart-hub.js";
import { LIVE_CART_GROUP, LiveCartRelay } from "../../gateway/src/live-cart/live-cart-relay.js";
import type { LiveCartSignal } from "../../gateway/src/live-cart/live-cart-signals.js";
import { REPLICAS } from "../support/replicas.js";

const STREAM = "cart-events";
const logger = createLogger("gateway", "silent");
const db = Number(new URL(process.env.REDIS_URL!).pathname.slice(1) || "0");
let admin: Redis;
let subscriber: Redis;
let hub: LiveCartHub;
const published = Array.from({ length: REPLICAS }, () => 0);
const relays: LiveCartRelay[] = [];

beforeAll(async () => {
  admin = await connected(createRedis(process.env.REDIS_URL!));
  subscriber = createRedis(process.env.REDIS_URL!, { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
  hub = new LiveCartHub(subscriber, db, logger);
  for (let i = 0; i < REPLICAS; i++) {
    const relay = new LiveCartRelay({ redis: createBlockingRedis(process.env.REDIS_URL!, 500), stream: STREAM, db, blockMs: 500, logger, onPublished: () => void published[i]++ });
    relay.start();
    relays.push(relay);
  }
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  subscriber?.disconnect();
  admin?.disconnect();
});

/** Connections of this Redis database blocked reading as the live cart group. */
async function blockedMembers(): Promise<number> {
  const clients = String(await admin.client("LIST")).split("\n");
  return clients.filter((line) => line.includes(` db=${db} `) && / flags=\w*b/.test(line) && line.includes(" cmd=xreadgroup")).length;
}

/** The group has been handed every entry and acknowledged them all: nothing is left to publish. */
async function settled(): Promise<boolean> {
  const [newest] = await admin.xrevrange(STREAM, "+", "-", "COUNT", 1);
  const groups = (await admin.xinfo("GROUPS", STREAM)) as unknown[][];
  const group = groups.map((raw) => new Map(raw.flatMap((v, i, all) => (i % 2 === 0 ? [[String(v), all[i + 1]]] : [])) as [string, unknown][])).find((g) => g.get("name") === LIVE_CART_GROUP);
  return !!group && Number(group.get("pending")) === 0 && compareStreamIds(String(group.get("last-delivered-id")), newest![0]) === 0;
}

describe("the live cart relay in three gateway processes", () => {
  it("publishes each cart event once, by one member of the group", async () => {
    await eventually(async () => (await blockedMembers()) >= REPLICAS);
    const carts = Array.from({ length: 30 }, () => randomUUID());
    const heard = new Map<string, LiveCartSignal[]>(carts.map((id) => [id, []]));
    for (const id of carts) await hub.watch(hub.channelOf({ kind: "cart", id }), { signal: (signal) => void heard.get(id)!.push(signal) });

    for (const id of carts) {
      const event = { id: randomUUID(), type: "CartItemAdded", aggregateId: id, userId: null, occurredAt: new Date().toISOString(), data: { productId: "p", added: 1, quantity: 1, source: "ADD" } };
      await admin.xadd(STREAM, "*", "id", event.id, "type", event.type, "event", JSON.stringify(event));
    }

    await eventually(async () => (await settled()) && published.reduce((sum, n) => sum + n, 0) >= carts.length);
    await eventually(async () => [...heard.values()].every((signals) => signals.length >= 1));
    expect(published.reduce((sum, n) => sum + n, 0)).toBe(carts.length);
    for (const signals of heard.values()) expect(signals).toEqual([{ cause: "ITEM_ADDED", ifChanged: false }]);
  });
});
