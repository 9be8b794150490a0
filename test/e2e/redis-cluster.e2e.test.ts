// Every process on a Redis Cluster of the test's own (three nodes, REDIS_CLUSTER=on): what needs
// several keys at once keeps them in one slot (a cross-slot MULTI, script or command fails on a
// cluster), and through the front door the streams, consumer groups, pub/sub, rate limits,
// persisted queries and caches work across nodes. Skipped only where redis-server is not installed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis, DeadLetters, PROCESSED_EVENT_TABLE_SQL, StreamConsumer, type DomainEvent, type RedisClient } from "@trolley/outbox";
import { connected, eventually, recordingLogger, redisServerAvailable, startRedisCluster, userToken, type ScratchRedisCluster } from "@trolley/testing";
import { createOutboxSchema } from "../../libs/outbox/test/outbox-schema.js";
import type { GatewayApp } from "../../gateway/src/app.js";
import { LiveSocketLimits } from "../../gateway/src/live-cart/live-socket-limits.js";
import { queryHash } from "../../gateway/src/persisted-queries/query-hash.js";
import { RateLimiter } from "../../gateway/src/rate-limit/rate-limiter.js";
import { RedisOutage } from "../../gateway/src/redis-outage.js";
import { ACTIVITY_BUILT_KEY, ACTIVITY_KEY, ActivityIndex } from "../../subgraphs/cart/src/housekeeping/activity-index.js";
import { CodeAttempts } from "../../subgraphs/pricing/src/codes/code-attempts.js";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOutAt } from "../support/delivery.js";
import { bearer, gatewayFactory, post } from "../support/gateway-http.js";
import { openLiveCart, type LiveCartClient } from "../support/live-cart.js";
import { startStack, type Stack } from "../support/stack.js";

const available = redisServerAvailable();

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const CHECKOUT = `mutation($k: String!) { checkout(idempotencyKey: $k) { order { id status } userErrors { code } } }`;
const PAY = `mutation($o: ID!, $k: String!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: $k) { payment { status } userErrors { code } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { status } }`;
const LISTING = `query($s: String!) { products(search: $s) { edges { node { id availableQuantity } } } }`;
const LIVE = `subscription { cartUpdated { cause cart { id lines { productId quantity } } } }`;

let cluster: ScratchRedisCluster;
let redis: RedisClient;
let stack: Stack;
const gateways = gatewayFactory(() => stack);
const opened: LiveCartClient[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

const onCluster = () => ({ REDIS_URL: cluster.url, REDIS_CLUSTER: "on" as const });
const slotOf = async (key: string) => Number(await redis.cluster("KEYSLOT", key));

beforeAll(async () => {
  if (!available) return;
  cluster = await startRedisCluster();
  redis = await connected(createRedis(onCluster()));
  stack = await startStack({ env: onCluster() });
});
afterAll(async () => {
  await Promise.all(opened.map((live) => live.close()));
  for (const cleanup of cleanups) await cleanup();
  await gateways.closeAll();
  await stack?.close();
  redis?.disconnect();
  await cluster?.stop();
});

describe.skipIf(!available)("Redis Cluster (skipped: redis-server is not installed)", () => {
  describe("what must be atomic or share a node keeps its keys in one slot", () => {
    it("the cluster has its slots on three nodes", async () => {
      const info = String(await redis.cluster("INFO"));
      expect(info).toContain("cluster_state:ok");
      expect(info).toContain("cluster_known_nodes:3");
    });

    it("the rate limiter's script counts and expires one caller's window", async () => {
      const limiter = new RateLimiter(redis, { limit: 2, windowMs: 60_000 }, new RedisOutage("rate limiting", recordingLogger().logger));
      const caller = `user:${randomUUID()}`;
      const hits = [await limiter.hit(caller), await limiter.hit(caller), await limiter.hit(caller)];
      expect(hits.map((hit) => hit && { allowed: hit.allowed, remaining: hit.remaining })).toEqual([
        { allowed: true, remaining: 1 },
        { allowed: true, remaining: 0 },
        { allowed: false, remaining: 0 },
      ]);
    });

    it("live cart socket places are taken and renewed in one MULTI per identity", async () => {
      const limits = new LiveSocketLimits({ redis, perIdentity: 1, perProcess: 100, leaseMs: 60_000 });
      const subject = `user:${randomUUID()}`;
      expect(await limits.admit(subject, "socket-1")).toBe("admitted");
      // A second process sees the first one's place: the count is in the cluster, not in memory.
      const other = new LiveSocketLimits({ redis, perIdentity: 1, perProcess: 100, leaseMs: 60_000 });
      expect(await other.admit(subject, "socket-2")).toBe("identity-limit");
    });

    it("discount code attempts count in one MULTI per caller", async () => {
      const attempts = new CodeAttempts(redis, 1, 60_000, recordingLogger().logger);
      const caller = `user:${randomUUID()}`;
      expect([await attempts.allow(caller), await attempts.allow(caller)]).toEqual([true, false]);
    });

    it("the cart activity index and its built marker live in one slot, so they are lost together", async () => {
      expect(await slotOf(ACTIVITY_BUILT_KEY)).toBe(await slotOf(ACTIVITY_KEY));
      const index = new ActivityIndex(redis);
      await index.markBuilt(new Date());
      expect(await index.needsRebuild()).toBe(false);
    });

    it("an event moves to the dead letters and is replayed although the two streams are in different slots", async () => {
      const schema = await createOutboxSchema();
      cleanups.push(() => schema.drop());
      await schema.sql.query(`BEGIN; SET LOCAL search_path TO "${schema.name}"; ${PROCESSED_EVENT_TABLE_SQL} COMMIT;`);
      const stream = `test-events-${randomUUID()}`;
      const deadLetterStream = `test-dead-letters-${randomUUID()}`;
      // The case a cluster makes of every context's stream and the one dead-letter stream.
      expect(await slotOf(stream)).not.toBe(await slotOf(deadLetterStream));
      let broken = true;
      const applied: string[] = [];
      const consumer = new StreamConsumer({
        redis, stream, group: "order", consumer: "m1", db: schema.prisma(), schema: schema.name, claimIdleMs: 1, maxDeliveries: 2, deadLetterStream,
        handle: async (event: DomainEvent) => {
          if (broken) throw new Error("the handler is broken");
          applied.push(event.id);
        },
      });
      const event: DomainEvent = { id: randomUUID(), type: "PaymentSucceeded", occurredAt: new Date().toISOString(), aggregateId: randomUUID(), userId: "u1", data: {} };
      await redis.xadd(stream, "*", "id", event.id, "type", event.type, "event", JSON.stringify(event));
      const letters = new DeadLetters(redis, deadLetterStream);
      await eventually(async () => {
        await consumer.processAvailable();
        return (await letters.list(10)).deadLetters.length === 1;
      });
      expect(await redis.xpending(stream, "order")).toEqual([0, null, null, null]);

      broken = false;
      const [letter] = (await letters.list(10)).deadLetters;
      expect(await letters.replay(letter!.id)).toMatchObject({ eventId: event.id, stream });
      expect((await letters.list(10)).deadLetters).toEqual([]);
      await eventually(async () => {
        await consumer.processAvailable();
        return applied.length === 1;
      });
      expect(applied).toEqual([event.id]);
    });
  });

  describe("the stack on the cluster", () => {
    it("an order placed and paid crosses every context's stream, and the live cart is pushed each change", async () => {
      const stock = 50;
      const [product] = await createProducts(stack.catalog.db, 1, { stock });
      const { sku } = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: product! } });
      const listed = async () => (await stack.query(LISTING, { s: sku })).data.products.edges.map((edge: any) => edge.node);
      // The listing page is cached now; the stock committed below must bump it (its generation).
      expect(await listed()).toEqual([{ id: product, availableQuantity: stock }]);

      const userId = `user-${randomUUID()}`;
      const token = await userToken({ sub: userId });
      const { live, first } = await openLiveCart(stack.gateway.url, token, LIVE);
      opened.push(live);
      expect(first).toMatchObject({ cause: "SUBSCRIBED", cart: { lines: [] } });

      expect((await stack.query(ADD, { p: product, q: 3 }, token)).data.addToCart.userErrors).toEqual([]);
      expect(await live.nextCart()).toMatchObject({ cause: "ITEM_ADDED", cart: { lines: [{ productId: product, quantity: 3 }] } });
      await readyToCheckOutAt(stack.gateway.url, token);
      expect((await live.nextCart()).cause).toBe("SHIPPING_CHANGED");

      const placed = (await stack.query(CHECKOUT, { k: `checkout-${userId}` }, token)).data.checkout;
      expect(placed.userErrors).toEqual([]);
      // order-events to the cart's group (the cart is closed), cart-events to the gateways' group, then pub/sub.
      expect(await live.nextCart()).toMatchObject({ cause: "CHECKED_OUT", cart: { lines: [] } });

      const paid = (await stack.query(PAY, { o: placed.order.id, k: `pay-${userId}` }, token)).data.payOrder;
      expect(paid).toEqual({ payment: { status: "SUCCEEDED" }, userErrors: [] });
      // payment-events to the order's group (PAID), order-events to the catalog's (stock committed).
      await eventually(async () => (await stack.query(ORDER, { id: placed.order.id }, token)).data.order.status === "PAID");
      await eventually(async () => {
        const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: product! } });
        return row.stockOnHand === stock - 3 && row.stockReserved === 0;
      });
      await eventually(async () => (await listed())[0].availableQuantity === stock - 3);
    });

    it("rate limits count one budget per caller across two gateway processes", async () => {
      const [a, b]: GatewayApp[] = [await gateways.start({ ...onCluster(), RATE_LIMIT_PER_MINUTE: "3" }), await gateways.start({ ...onCluster(), RATE_LIMIT_PER_MINUTE: "3" })];
      // A gateway counts once its cluster client is ready (until then it lets requests through):
      // each answers a counted request, with its own throwaway caller, before the test begins.
      for (const gateway of [a, b]) {
        const probe = bearer(await userToken());
        await eventually(async () => (await post(gateway.url, { query: "{ __typename }" }, probe)).headers.has("ratelimit-remaining"));
      }
      const caller = bearer(await userToken());
      const statuses: number[] = [];
      for (const gateway of [a, b, a, b]) statuses.push((await post(gateway.url, { query: "{ __typename }" }, caller)).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    });

    it("a persisted query registered on one gateway process runs by its hash on another", async () => {
      const other = await gateways.start(onCluster());
      const query = `query Apq${randomUUID().replaceAll("-", "")} { categories { slug } }`;
      const persistedQuery = { version: 1, sha256Hash: queryHash(query) };
      const registered = await post(stack.gateway.url, { query, extensions: { persistedQuery } });
      expect(registered.body.errors).toBeUndefined();
      // Apollo stores the registration after answering: the other process asks once it is stored.
      await eventually(async () => (await redis.get(`apq:${persistedQuery.sha256Hash}`)) === query);
      // A process just started answers misses until its cluster client is ready (it never waits
      // on Redis): asking by hash has no effect, so it is asked until it answers.
      const elsewhere = await eventually(async () => {
        const answer = await post(other.url, { extensions: { persistedQuery } });
        expect(answer.body).toEqual(registered.body);
        return answer;
      });
      expect(elsewhere.status).toBe(200);
    });
  });
});
