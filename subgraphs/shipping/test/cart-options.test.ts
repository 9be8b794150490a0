// A cart as the gateway hands it to shipping, and its offers kept in Redis: the cart's content,
// destination and day make the key; an entry holds until the next cut-off of its options (and no
// longer than the cache's longest life), is ignored once the clock passed its end, and is never
// kept when the dates were estimated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@trolley/http";
import { createRedis } from "@trolley/outbox";
import { connected } from "@trolley/testing";
import type { Redis } from "ioredis";
import { offersOfCart } from "../src/cart/cart-offers.js";
import { CatalogDataMissing, cartToShip, offersKey } from "../src/cart/cart-shipping.rules.js";
import type { ShippingContext } from "../src/context.js";
import type { RequiredCart } from "../src/cart/cart.type.js";
import { OptionsCache, offersValidUntil, optionsCacheKey } from "../src/cart/options-cache.js";
import type { PricedOffer } from "../src/options/shipping-option.types.js";
import { option } from "./option-fixtures.js";

const logger = createLogger("shipping", "silent");
let redis: Redis;

beforeAll(async () => {
  redis = await connected(createRedis(process.env.REDIS_URL!));
});
afterAll(() => redis?.disconnect());

const product = (id: string, weightGrams: number, amount: string, currencyCode = "USD") => ({ id, weightGrams, price: { amount, currencyCode } });
const required = (fields: Partial<RequiredCart> = {}): RequiredCart => ({
  id: "cart-1",
  lines: [
    { quantity: 2, product: product("p1", 500, "19.99") },
    { quantity: 1, product: product("p2", 40_000, "649.00") },
  ],
  shippingAddress: null,
  ...fields,
});

describe("the cart as shipping reads it", () => {
  it("takes each line's weight and price, and the address or the default country", () => {
    expect(cartToShip(required(), "US")).toEqual({
      currencyCode: "USD",
      destination: { countryCode: "US", provinceCode: null, postalCode: null },
      lines: [
        { productId: "p1", quantity: 2, weightGrams: 500, unitPriceMinor: 1999 },
        { productId: "p2", quantity: 1, weightGrams: 40_000, unitPriceMinor: 64_900 },
      ],
    });
    expect(cartToShip(required({ shippingAddress: { countryCode: "PL", provinceCode: null, postalCode: "00-950" } }), "US")?.destination).toEqual({ countryCode: "PL", provinceCode: null, postalCode: "00-950" });
  });

  it("has nothing to ship without lines or across currencies, and cannot be read without the catalog's data", () => {
    expect(cartToShip(required({ lines: [] }), "US")).toBeNull();
    expect(cartToShip(required({ lines: [{ quantity: 1, product: product("p1", 1, "1.00") }, { quantity: 1, product: product("p2", 1, "1.00", "EUR") }] }), "US")).toBeNull();
    expect(() => cartToShip(required({ lines: [{ quantity: 1, product: null }] }), "US")).toThrow(CatalogDataMissing);
  });

  it("fails its shipping fields with an error naming the catalog when a line's product data is missing", async () => {
    const ctx = { defaultCountryCode: "US" } as ShippingContext;
    await expect(offersOfCart(required({ lines: [{ quantity: 1, product: null }] }), ctx)).rejects.toMatchObject({ extensions: { code: "SERVICE_UNAVAILABLE", service: "catalog" } });
    expect(await offersOfCart(required({ lines: [] }), ctx)).toEqual({ toShip: null, offers: [] });
  });

  it("is cached under a key of its content, destination and day", () => {
    const cart = cartToShip(required(), "US")!;
    const key = offersKey(cart, "2026-12-01");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(offersKey(cartToShip(required(), "US")!, "2026-12-01")).toBe(key);
    expect(offersKey(cart, "2026-12-02")).not.toBe(key);
    expect(offersKey({ ...cart, destination: { ...cart.destination, postalCode: "10001" } }, "2026-12-01")).not.toBe(key);
    expect(offersKey({ ...cart, lines: [{ ...cart.lines[0], quantity: 3 }, cart.lines[1]] }, "2026-12-01")).not.toBe(key);
  });
});

describe("the options cache", () => {
  // New York's 14:00 cut-off (19:00 UTC in December) and Warsaw's 15:00 one (14:00 UTC).
  const standard: PricedOffer = { option: option(), priceMinor: 599, addOns: [], deliveryDates: ["2026-12-04"], deliveryDatesEstimated: false };
  const warsaw: PricedOffer = { ...standard, option: option({ id: "pl", timeZone: "Europe/Warsaw", cutoffHour: 15 }) };
  const hash = () => `test-${Math.random().toString(36).slice(2)}`;

  it("holds offers until the earliest next cut-off of their options, and no longer than its longest life", () => {
    const morning = new Date("2026-12-01T10:00:00Z");
    expect(new Date(offersValidUntil([standard, warsaw], morning, 86_400_000)).toISOString()).toBe("2026-12-01T14:00:00.000Z");
    expect(new Date(offersValidUntil([standard], morning, 15 * 60_000)).toISOString()).toBe("2026-12-01T10:15:00.000Z");
    expect(new Date(offersValidUntil([], morning, 15 * 60_000)).toISOString()).toBe("2026-12-01T10:15:00.000Z");
  });

  it("keeps them in Redis with an expiry that ends at the next cut-off, and ignores them once the clock passed it", async () => {
    const cache = new OptionsCache(redis, 86_400_000, logger);
    const key = hash();
    // 13:30 in New York: the cut-off is 30 minutes away.
    const beforeCutoff = new Date("2026-12-01T18:30:00Z");
    await cache.put(key, [standard], beforeCutoff);
    const ttl = await redis.pttl(optionsCacheKey(key));
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    expect(await cache.get(key, beforeCutoff)).toEqual([standard]);
    expect(await cache.get(key, new Date("2026-12-01T18:59:59Z"))).toEqual([standard]);
    // At the cut-off (a test clock gets there before Redis expires the entry), or before it was made: recomputed.
    expect(await cache.get(key, new Date("2026-12-01T19:00:00Z"))).toBeNull();
    expect(await cache.get(key, new Date("2026-12-01T18:00:00Z"))).toBeNull();
  });

  it("keeps nothing estimated, and nothing that would hold less than a second", async () => {
    const cache = new OptionsCache(redis, 86_400_000, logger);
    const estimated = hash();
    await cache.put(estimated, [{ ...standard, deliveryDatesEstimated: true }], new Date("2026-12-01T10:00:00Z"));
    expect(await redis.exists(optionsCacheKey(estimated))).toBe(0);
    const lastMoment = hash();
    await cache.put(lastMoment, [standard], new Date("2026-12-01T18:59:59.500Z"));
    expect(await redis.exists(optionsCacheKey(lastMoment))).toBe(0);
  });

  it("answers nothing and keeps nothing while Redis is unreachable", async () => {
    const dead = createRedis("redis://127.0.0.1:1", { retryStrategy: () => null });
    try {
      const cache = new OptionsCache(dead, 86_400_000, logger);
      await cache.put("k", [standard], new Date("2026-12-01T10:00:00Z"));
      expect(await cache.get("k", new Date("2026-12-01T10:00:00Z"))).toBeNull();
    } finally {
      dead.disconnect();
    }
  });
});
