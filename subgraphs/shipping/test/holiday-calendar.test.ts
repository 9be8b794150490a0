// Holidays from Nager.Date, against a local server speaking its documented JSON: answering (only
// nationwide holidays kept, the answer shared through Redis), hanging (the timeout), failing and
// talking nonsense (the built-in table answers, estimated), and the circuit breaker that stops
// asking a failing API and tries it again after its cooldown.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "@trolley/http";
import { createRedis } from "@trolley/outbox";
import { connected } from "@trolley/testing";
import type { Redis } from "ioredis";
import { BuiltinHolidayCalendar } from "../src/holidays/builtin-holiday-calendar.js";
import { BUILTIN_HOLIDAYS } from "../src/holidays/builtin-holidays.js";
import { CircuitBreaker } from "../src/holidays/circuit-breaker.js";
import { HolidayCache, holidayCacheKey } from "../src/holidays/holiday-cache.js";
import { globalHolidays, NagerDateClient } from "../src/holidays/nager-date.client.js";
import { NagerHolidayCalendar } from "../src/holidays/nager-holiday-calendar.js";
import { holiday, startHolidayApi, type HolidayApiServer } from "./holiday-api-server.js";

const logger = createLogger("shipping", "silent");
const TIMEOUT_MS = 300;
let redis: Redis;
const servers: HolidayApiServer[] = [];

beforeAll(async () => {
  redis = await connected(createRedis(process.env.REDIS_URL!));
  const stale = await redis.keys("shipping:holidays:Q?:*");
  if (stale.length) await redis.del(...stale);
});
afterAll(() => redis?.disconnect());
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/**
 * A country code of its own for each test (QA, QB, ...: user-assigned codes no real data uses), so
 * the shared Redis cache never answers one test with another's; beforeAll clears what an earlier
 * run on this Redis database left.
 */
let countries = 0;
const testCountry = () => `Q${String.fromCharCode(65 + countries++)}`;

function holidaysOf(country: string) {
  return [
    holiday(country, "2026-01-01", "New Year's Day"),
    holiday(country, "2026-05-01", "Labour Day"),
    // Only some counties: carriers deliver elsewhere, so it is not a holiday for the calendar.
    holiday(country, "2026-06-04", "Corpus Christi", [`${country}-BW`, `${country}-BY`]),
    holiday(country, "2026-12-25", "Christmas Day"),
    holiday(country, "2027-01-01", "New Year's Day"),
  ];
}

async function api(country: string, mode: HolidayApiServer["mode"] = "answer") {
  const server = await startHolidayApi(holidaysOf(country), mode);
  servers.push(server);
  return server;
}

/** The fallback table for the test's country: one day the API does not list, to tell the two apart. */
const fallbackFor = (country: string) => new BuiltinHolidayCalendar({ [country]: { 2026: [["2026-12-24", "Christmas Eve (table)"]] } });

function calendar(server: HolidayApiServer, country: string, breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 60_000 }), cache = new HolidayCache(redis, 60_000, logger)) {
  return new NagerHolidayCalendar(new NagerDateClient(server.url, TIMEOUT_MS), cache, breaker, fallbackFor(country), logger);
}

describe("Nager.Date answering", () => {
  it("gives the nationwide holidays of the year, and keeps them in Redis for every process", async () => {
    const country = testCountry();
    const server = await api(country);
    const answer = await calendar(server, country).holidays(country, 2026);
    expect({ dates: [...answer.dates], estimated: answer.estimated }).toEqual({ dates: ["2026-01-01", "2026-05-01", "2026-12-25"], estimated: false });
    expect(server.requests).toEqual([`/api/v3/PublicHolidays/2026/${country}`]);
    expect(JSON.parse((await redis.get(holidayCacheKey(country, 2026)))!)).toEqual(["2026-01-01", "2026-05-01", "2026-12-25"]);
    expect(await redis.pttl(holidayCacheKey(country, 2026))).toBeGreaterThan(50_000);

    // Another process (a calendar of its own) finds them in Redis and asks the API nothing, even down.
    server.mode = "fail";
    const other = await calendar(server, country).holidays(country, 2026);
    expect({ dates: [...other.dates], estimated: other.estimated }).toEqual({ dates: ["2026-01-01", "2026-05-01", "2026-12-25"], estimated: false });
    expect(server.requests).toHaveLength(1);
  });

  it("asks once for a country's year however many ask at the same time", async () => {
    const country = testCountry();
    const server = await api(country);
    const shared = calendar(server, country);
    const answers = await Promise.all(Array.from({ length: 5 }, () => shared.holidays(country, 2027)));
    expect(answers.map((answer) => [...answer.dates])).toEqual(Array(5).fill(["2027-01-01"]));
    expect(server.requests).toEqual([`/api/v3/PublicHolidays/2027/${country}`]);
  });

  it("still answers from the API when Redis is unreachable", async () => {
    const country = testCountry();
    const server = await api(country);
    const deadRedis = createRedis("redis://127.0.0.1:1", { retryStrategy: () => null });
    try {
      const answer = await calendar(server, country, undefined, new HolidayCache(deadRedis, 60_000, logger)).holidays(country, 2026);
      expect({ size: answer.dates.size, estimated: answer.estimated }).toEqual({ size: 3, estimated: false });
    } finally {
      deadRedis.disconnect();
    }
  });
});

describe("Nager.Date not answering", () => {
  it("hanging: gives up after the timeout and answers the built-in table, estimated", async () => {
    const country = testCountry();
    const server = await api(country, "hang");
    const started = Date.now();
    const answer = await calendar(server, country).holidays(country, 2026);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
    expect({ dates: [...answer.dates], estimated: answer.estimated }).toEqual({ dates: ["2026-12-24"], estimated: true });
    expect(server.requests).toHaveLength(1);
    // The fallback is not kept: the API is asked again next time.
    expect(await redis.get(holidayCacheKey(country, 2026))).toBeNull();
  });

  it("failing: an error status is answered from the built-in table, estimated", async () => {
    const country = testCountry();
    const server = await api(country, "fail");
    const answer = await calendar(server, country).holidays(country, 2026);
    expect({ dates: [...answer.dates], estimated: answer.estimated }).toEqual({ dates: ["2026-12-24"], estimated: true });
  });

  it("answering nonsense: a body that is not its JSON is answered from the built-in table, estimated", async () => {
    const country = testCountry();
    const server = await api(country, "garbage");
    expect((await calendar(server, country).holidays(country, 2026)).estimated).toBe(true);
    expect(() => globalHolidays({ holidays: [] }, 2026, country)).toThrow(/not an array/);
    expect(() => globalHolidays([{ date: "2026-02-30", global: true }], 2026, country)).toThrow(/calendar day/);
    expect(() => globalHolidays([{ date: "2026-02-03" }], 2026, country)).toThrow(/global/);
  });

  it("unreachable: nothing listening is answered from the built-in table, estimated", async () => {
    const country = testCountry();
    const server = await api(country);
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    expect((await calendar(server, country).holidays(country, 2026)).estimated).toBe(true);
  });
});

describe("the circuit breaker", () => {
  it("stops asking after repeated failures, tries once after the cooldown, and closes when the API answers", async () => {
    const country = testCountry();
    const server = await api(country, "fail");
    let now = 1_000_000;
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 30_000 }, () => now);
    // No cache: each ask would reach the API if the breaker let it.
    const noCache = { get: async () => null, put: async () => {} } as unknown as HolidayCache;
    const holidays = calendar(server, country, breaker, noCache);

    for (let i = 0; i < 3; i++) expect((await holidays.holidays(country, 2026)).estimated).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(breaker.state).toBe("open");
    // Open: the table answers at once, the API is not asked.
    expect((await holidays.holidays(country, 2026)).estimated).toBe(true);
    expect(server.requests).toHaveLength(3);

    // After the cooldown one trial goes out; it fails, so the breaker opens for another cooldown.
    now += 30_000;
    expect(breaker.state).toBe("half-open");
    await holidays.holidays(country, 2026);
    expect(server.requests).toHaveLength(4);
    expect(breaker.state).toBe("open");
    await holidays.holidays(country, 2026);
    expect(server.requests).toHaveLength(4);

    // The API is back: the next trial succeeds and closes the breaker.
    server.mode = "answer";
    now += 30_000;
    const answer = await holidays.holidays(country, 2026);
    expect({ size: answer.dates.size, estimated: answer.estimated, state: breaker.state }).toEqual({ size: 3, estimated: false, state: "closed" });
  });

  it("lets one trial through at a time while half-open", () => {
    let now = 0;
    const breaker = new CircuitBreaker({ failureThreshold: 1, cooldownMs: 10 }, () => now);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.tryAcquire()).toBe(false);
    now = 10;
    expect([breaker.tryAcquire(), breaker.tryAcquire()]).toEqual([true, false]);
    breaker.success();
    expect([breaker.state, breaker.tryAcquire()]).toEqual(["closed", true]);
  });
});

describe("the built-in table", () => {
  it("knows the seeded countries' nationwide holidays for 2026 and 2027, and says when it knows nothing", async () => {
    const builtin = new BuiltinHolidayCalendar();
    for (const country of ["US", "PL", "DE"]) {
      for (const year of [2026, 2027]) {
        const answer = await builtin.holidays(country, year);
        expect(answer.estimated, `${country} ${year}`).toBe(false);
        expect([...answer.dates].every((day) => day.startsWith(`${year}-`)), `${country} ${year}`).toBe(true);
      }
    }
    expect([...(await builtin.holidays("US", 2026)).dates]).toContain("2026-11-26");
    expect([...(await builtin.holidays("PL", 2026)).dates]).toContain("2026-12-24");
    expect([...(await builtin.holidays("DE", 2027)).dates]).toContain("2027-10-03");
    expect(await builtin.holidays("FR", 2026)).toEqual({ dates: new Set(), estimated: true });
    expect(await builtin.holidays("US", 2028)).toEqual({ dates: new Set(), estimated: true });
    expect(Object.keys(BUILTIN_HOLIDAYS).sort()).toEqual(["DE", "PL", "US"]);
  });
});
