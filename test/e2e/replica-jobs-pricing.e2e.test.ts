// Pricing's rules refresh is per replica by design, the one periodic job here that is not claimed:
// each process holds the rules in its own memory, so each must reload its own cache, and a change
// must reach all three, never only the one that won a claim. Three replicas, each its own rules
// cache on a database client of its own and its own listener on pricing-events: their periodic
// reloads, forced to read at the same moment (a barrier in the load), and their listeners, handed
// one change, each end with the change in their own memory.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedis } from "@trolley/outbox";
import { connected } from "@trolley/testing";
import type { Redis } from "ioredis";
import { connectPricingDb, type PricingDb } from "../../subgraphs/pricing/src/db.js";
import { RuleChangesListener } from "../../subgraphs/pricing/src/pricing-rules/rule-changes.listener.js";
import { PricingRulesStore } from "../../subgraphs/pricing/src/pricing-rules/pricing-rules.store.js";
import { RulesCache } from "../../subgraphs/pricing/src/pricing-rules/rules-cache.js";
import { barrier } from "../support/gate.js";
import { REPLICAS, replicaClients } from "../support/replicas.js";

const quiet = { warn() {}, error() {}, info() {} };
const STREAM = `pricing-events-${randomUUID()}`;

let dbs: ReturnType<typeof replicaClients<PricingDb>>;
let db: PricingDb;
let redis: Redis;
const listeners: RuleChangesListener[] = [];

beforeAll(async () => {
  dbs = replicaClients(() => connectPricingDb(process.env.DATABASE_URL!));
  db = connectPricingDb(process.env.DATABASE_URL!);
  redis = await connected(createRedis(process.env.REDIS_URL!));
});
afterAll(async () => {
  await Promise.all(listeners.map((listener) => listener.stop()));
  await redis?.del(STREAM);
  redis?.disconnect();
  await db?.$disconnect();
  await dbs?.close();
});

/** A tax rate for a province of its own, so no other rule is touched. */
const newTaxRate = () =>
  db.taxRate.create({
    data: { countryCode: "XZ", provinceCode: randomUUID(), standardPpm: 123_000, reducedPpm: 0, zeroPpm: 0, taxesShipping: false, taxesServices: false, updatedAt: new Date() },
  });

describe("the pricing rules refresh in three pricing processes", () => {
  it("reloads every replica's own cache, not one replica's for all", async () => {
    const meet = barrier(REPLICAS);
    let gated = false;
    const caches = dbs.clients.map((replicaDb) => {
      const store = new PricingRulesStore(replicaDb);
      return new RulesCache(async () => {
        const rules = await store.load();
        if (gated) await meet.arrive();
        return rules;
      }, quiet);
    });
    for (const cache of caches) await cache.reload();
    const rate = await newTaxRate();
    try {
      for (const cache of caches) expect((await cache.current()).taxRates.map((r) => r.provinceCode)).not.toContain(rate.provinceCode);

      // Every replica's refresh reads at the same moment; none is skipped because another ran.
      gated = true;
      await Promise.all(caches.map((cache) => cache.reload()));

      for (const cache of caches) expect((await cache.current()).taxRates.map((r) => r.provinceCode)).toContain(rate.provinceCode);
    } finally {
      await db.taxRate.delete({ where: { id: rate.id } });
    }
  });

  it("tells every replica's listener of a rule change, each reloading its own cache", async () => {
    const reloads = Array.from({ length: REPLICAS }, () => 0);
    for (let i = 0; i < REPLICAS; i++) {
      const listener = new RuleChangesListener({ REDIS_URL: process.env.REDIS_URL! }, STREAM, async () => void reloads[i]++, quiet);
      listeners.push(listener);
      await listener.mark();
    }
    await redis.xadd(STREAM, "*", "id", randomUUID(), "type", "TaxRateChanged", "event", "{}");

    expect(await Promise.all(listeners.map((listener) => listener.readOnce(1000)))).toEqual(listeners.map(() => true));
    expect(reloads).toEqual(listeners.map(() => 1));
  });
});
