// From the streams to the processes holding the sockets: each event reaches the listeners of its
// cart's, its product's or the rules' channel, through the fleet's consumer group and Redis
// pub/sub, and keeps doing so after Redis crashed and came back empty (the group and the streams
// gone with it, the subscriptions to be made again).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@trolley/http";
import { createBlockingRedis, createRedis } from "@trolley/outbox";
import { eventually } from "@trolley/testing";
import type { Redis } from "ioredis";
import { LiveCartHub } from "../src/live-cart/live-cart-hub.js";
import { LiveCartRelay } from "../src/live-cart/live-cart-relay.js";
import { LIVE_CART_STREAMS, type LiveCartSignal } from "../src/live-cart/live-cart-signals.js";
import { scratchRedis, type ScratchRedis } from "../../libs/outbox/test/redis-server.js";

const logger = createLogger("gateway", "silent");
let server: ScratchRedis;
let admin: Redis;
let hub: LiveCartHub;
let subscriber: Redis;
const relays: LiveCartRelay[] = [];

beforeAll(async () => {
  server = await scratchRedis();
  await server.start({ appendonly: false });
  admin = createRedis(server.url, { enableOfflineQueue: true, maxRetriesPerRequest: null });
  subscriber = createRedis(server.url, { enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined });
  hub = new LiveCartHub(subscriber, 0, logger);
  // Two processes' relays of each stream in one group: each event is published once, by either.
  for (let i = 0; i < 2; i++) {
    for (const stream of LIVE_CART_STREAMS) {
      const relay = new LiveCartRelay({ redis: createBlockingRedis(server.url, 200), stream, db: 0, blockMs: 200, logger });
      relay.start();
      relays.push(relay);
    }
  }
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  subscriber?.disconnect();
  admin?.disconnect();
  await server?.close();
});

function listener() {
  const heard: LiveCartSignal[] = [];
  return { heard, signal: (signal: LiveCartSignal) => void heard.push(signal) };
}

const publish = (stream: string, type: string, aggregateId: string, data: Record<string, unknown> = {}) => {
  const event = { id: randomUUID(), type, aggregateId, userId: null, occurredAt: new Date().toISOString(), data };
  return admin.xadd(stream, "*", "id", event.id, "type", type, "event", JSON.stringify(event));
};

/** Until both relays have their group on every stream (they make it as they start). */
const groupsReady = () =>
  eventually(async () => {
    for (const stream of LIVE_CART_STREAMS) {
      const groups = (await admin.xinfo("GROUPS", stream).catch(() => [])) as unknown[];
      if (groups.length === 0) return false;
    }
    return true;
  });

describe("an event", () => {
  it("reaches its cart's listeners once, with its cause, and no other cart's", async () => {
    await groupsReady();
    const [mine, other] = [randomUUID(), randomUUID()];
    const [me, them] = [listener(), listener()];
    await hub.watch(hub.channelOf({ kind: "cart", id: mine }), me);
    await hub.watch(hub.channelOf({ kind: "cart", id: other }), them);
    await publish("cart-events", "CartItemAdded", mine, { productId: "p", added: 1, quantity: 1, source: "ADD" });
    await publish("cart-events", "CartAbandoned", mine);
    await publish("cart-events", "CartItemRemoved", other, { productId: "p", quantity: 1, reason: "SAVED_FOR_LATER" });
    // Two relays share the events, so they may arrive in either order.
    await eventually(async () => them.heard.length === 1 && me.heard.length === 1);
    expect(them.heard).toEqual([{ cause: "SAVED_FOR_LATER", ifChanged: false }]);
    expect(me.heard).toEqual([{ cause: "ITEM_ADDED", ifChanged: false }]);
  });

  it("of a price reaches its product's listeners, and a rule change everyone's, to be pushed if it changed anything", async () => {
    const product = randomUUID();
    const [holder, everyone] = [listener(), listener()];
    await hub.watch(hub.channelOf({ kind: "product", id: product }), holder);
    await hub.watch(hub.rules, everyone);
    await publish("catalog-events", "PriceChanged", product, { from: "1.00", to: "2.00" });
    await publish("catalog-events", "StockChanged", product);
    await publish("pricing-events", "PromotionChanged", randomUUID());
    await eventually(async () => everyone.heard.length === 1 && holder.heard.length === 1);
    expect(holder.heard).toEqual([{ cause: "PRICE_CHANGED", ifChanged: true }]);
    expect(everyone.heard).toEqual([{ cause: "PRICE_CHANGED", ifChanged: true, settle: true }]);
    await hub.unwatch(hub.rules, everyone);
  });
});

it("still arrives after Redis crashed and came back without its data", async () => {
  const cart = randomUUID();
  const heard = listener();
  await hub.watch(hub.channelOf({ kind: "cart", id: cart }), heard);
  await server.kill();
  await server.start({ appendonly: false });
  // The relays make their group again, and the hub its subscriptions, once they reconnect; until
  // then an event has nowhere to go, so the test publishes until one arrives.
  await eventually(async () => {
    await publish("cart-events", "CartCleared", cart, { lines: [] }).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    return heard.heard.length > 0;
  });
  expect(heard.heard[0]).toEqual({ cause: "CLEARED", ifChanged: false });
});
