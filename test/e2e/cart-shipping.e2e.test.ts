// A cart's shipping through the front door: the options and their prices follow the cart's weight,
// goods subtotal and country; delivery dates follow the options' cut-offs and the public holidays
// at shipping's clock (moved by the test); add-ons are priced, carry-in only for heavy carts; an
// option is free over its own threshold; with the holiday API hanging or failing, the options
// still answer with estimated dates; the options are cached until the next cut-off while a
// selection is always judged by the options as stored; and selectedShipping is null once the
// stored selection no longer fits. Shipping's holidays come from a local server speaking
// Nager.Date's JSON with the built-in table's days. Each test has its own shopper and products.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "@trolley/http";
import { createRedis } from "@trolley/outbox";
import { connected, userToken } from "@trolley/testing";
import type { Redis } from "ioredis";
import { putShippingOption, type SeedOption } from "../../prisma/shipping/seed.js";
import { offersKey } from "../../subgraphs/shipping/src/cart/cart-shipping.rules.js";
import { optionsCacheKey } from "../../subgraphs/shipping/src/cart/options-cache.js";
import { BuiltinHolidayCalendar } from "../../subgraphs/shipping/src/holidays/builtin-holiday-calendar.js";
import { BUILTIN_HOLIDAYS } from "../../subgraphs/shipping/src/holidays/builtin-holidays.js";
import { CircuitBreaker } from "../../subgraphs/shipping/src/holidays/circuit-breaker.js";
import { HolidayCache, holidayCacheKey } from "../../subgraphs/shipping/src/holidays/holiday-cache.js";
import { NagerDateClient } from "../../subgraphs/shipping/src/holidays/nager-date.client.js";
import { NagerHolidayCalendar } from "../../subgraphs/shipping/src/holidays/nager-holiday-calendar.js";
import { holiday, startHolidayApi, type HolidayApiServer } from "../../subgraphs/shipping/test/holiday-api-server.js";
import { createProducts } from "../support/catalog-products.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const OPTION_FIELDS = "id title price { amount currencyCode } deliveryDates deliveryDatesEstimated addOns { id title price { amount currencyCode } }";
const CART = `{ cart { id shippingOptions { ${OPTION_FIELDS} } selectedShipping { option { id title price { amount } } deliveryDate addOns { id title price { amount } } price { amount currencyCode } } } }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const SET_ADDRESS = `mutation($address: AddressInput!) { setShippingAddress(address: $address) { userErrors { code field } warnings { code } } }`;
const SELECT = `mutation($o: ID!, $d: Date, $a: [ID!]) { selectShipping(optionId: $o, deliveryDate: $d, addOnIds: $a) { userErrors { code field message } } }`;

const NEW_YORK = { fullName: "Ada Lovelace", line1: "350 Fifth Avenue", city: "New York", provinceCode: "NY", postalCode: "10118", countryCode: "US" };
const HONOLULU = { fullName: "Ada Lovelace", line1: "1 Aloha Tower Dr", city: "Honolulu", provinceCode: "HI", postalCode: "96813", countryCode: "US" };
const WARSAW = { fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "PL" };
const REYKJAVIK = { fullName: "Björk Guðmundsdóttir", line1: "Laugavegur 1", city: "Reykjavík", postalCode: "101", countryCode: "IS" };

// Tuesday 2026-12-01, 10:00 in New York and 16:00 in Warsaw.
const TUESDAY_MORNING = new Date("2026-12-01T15:00:00Z");
const clock = new TestClock(TUESDAY_MORNING);
const logger = createLogger("shipping", "silent");
let api: HolidayApiServer;
let redis: Redis;
let stack: Stack;

beforeAll(async () => {
  // The built-in table's days, as Nager.Date would answer them, and a regional holiday it must ignore.
  const days = Object.entries(BUILTIN_HOLIDAYS).flatMap(([country, years]) => Object.values(years).flatMap((list) => list.map(([day, name]) => holiday(country, day, name))));
  api = await startHolidayApi([...days, holiday("US", "2026-12-02", "A county's own day", ["US-XX"])]);
  redis = await connected(createRedis(process.env.REDIS_URL!));
  // A breaker that stays closed through this file's failures: each of them reaches the server.
  const holidays = new NagerHolidayCalendar(new NagerDateClient(api.url, 300), new HolidayCache(redis, 60_000, logger), new CircuitBreaker({ failureThreshold: 100, cooldownMs: 1 }), new BuiltinHolidayCalendar(), logger);
  stack = await startStack({ shippingOptions: { clock, holidays } });
}, 120_000);
afterAll(async () => {
  await stack?.close();
  await api?.close();
  redis?.disconnect();
});
beforeEach(async () => {
  clock.set(TUESDAY_MORNING);
  api.mode = "answer";
});

async function run(token: string, mutation: string, variables: Record<string, unknown>) {
  const result = await stack.query(mutation, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data)[0] as { userErrors: { code: string; field: string[] | null; message: string }[]; warnings?: { code: string }[] };
}

async function cartOf(token: string) {
  const result = await stack.query(CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

/** A shopper whose cart holds `lines` of products of its own: [quantity, weight in grams, unit price in cents]. */
async function shopper(lines: [number, number, number][], address?: Record<string, string>) {
  const token = await userToken({ sub: `user-${randomUUID()}` });
  const products: string[] = [];
  for (const [quantity, weightGrams, priceMinor] of lines) {
    const [product] = await createProducts(stack.catalog.db, 1, { weightGrams, priceMinor });
    products.push(product);
    expect((await run(token, ADD, { p: product, q: quantity })).userErrors).toEqual([]);
  }
  if (address) expect((await run(token, SET_ADDRESS, { address })).userErrors).toEqual([]);
  return { token, products };
}

const summary = (options: { id: string; price: { amount: string } }[]) => options.map((option) => [option.id, option.price.amount]);

describe("options and prices", () => {
  it("follow the cart's weight and goods subtotal in the default country", async () => {
    // Two books, 2 x 0.5 kg at 19.99: standard 5.99 (under 2 kg), express 19.99; no freight under 25 kg.
    const light = await shopper([[2, 500, 1999]]);
    expect(summary((await cartOf(light.token)).shippingOptions)).toEqual([["us-standard", "5.99"], ["us-express", "19.99"], ["us-pickup", "0.00"]]);
    // Three 4 kg parcels at 19.99 (12 kg, 59.97): standard's 10 kg bracket, express's 5 kg one.
    const heavier = await shopper([[3, 4_000, 1999]]);
    expect(summary((await cartOf(heavier.token)).shippingOptions)).toEqual([["us-standard", "19.99"], ["us-express", "34.99"], ["us-pickup", "0.00"]]);
    // 2 x 50.00 of goods: over standard's own 99.00 threshold, it is free; express is not.
    const over99 = await shopper([[2, 1_000, 5000]]);
    expect(summary((await cartOf(over99.token)).shippingOptions)).toEqual([["us-standard", "0.00"], ["us-express", "19.99"], ["us-pickup", "0.00"]]);
    // A 40 kg washing machine at 649.00: freight only (over standard's 30 kg and express's 20 kg), 79.00.
    // Collecting in store costs nothing, whatever the cart.
    const washer = await shopper([[1, 40_000, 64_900]]);
    expect(summary((await cartOf(washer.token)).shippingOptions)).toEqual([["us-freight", "79.00"], ["us-pickup", "0.00"]]);
  });

  it("follow the country and province of the address", async () => {
    const { token } = await shopper([[2, 500, 1999]], WARSAW);
    const warsaw = (await cartOf(token)).shippingOptions;
    expect(summary(warsaw)).toEqual([["pl-standard", "3.99"], ["pl-express", "9.99"]]);
    expect(warsaw[0]).toMatchObject({ title: "Standard courier", price: { currencyCode: "USD" }, deliveryDatesEstimated: false });
    // Ground does not go to Hawaii; express does.
    expect((await run(token, SET_ADDRESS, { address: HONOLULU })).userErrors).toEqual([]);
    expect(summary((await cartOf(token)).shippingOptions)).toEqual([["us-express", "19.99"], ["us-pickup", "0.00"]]);
    expect((await run(token, SET_ADDRESS, { address: NEW_YORK })).userErrors).toEqual([]);
    expect(summary((await cartOf(token)).shippingOptions)).toEqual([["us-standard", "5.99"], ["us-express", "19.99"], ["us-pickup", "0.00"]]);
  });

  it("are none for an empty cart", async () => {
    const token = await userToken({ sub: `user-${randomUUID()}` });
    expect((await cartOf(token)).shippingOptions).toEqual([]);
  });
});

describe("delivery dates", () => {
  it("count from today's dispatch before the cut-off in the option's zone, and from the next business day after it", async () => {
    const { token } = await shopper([[2, 500, 1999]], WARSAW);
    // 10:00 in New York, 16:00 in Warsaw: US standard leaves today (3 business days: Friday); Polish
    // standard missed its 15:00 cut-off, leaves Wednesday and arrives two business days later, Friday.
    const warsaw = (await cartOf(token)).shippingOptions;
    expect(warsaw[0].deliveryDates.slice(0, 4)).toEqual(["2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09"]);
    expect(warsaw[0].deliveryDates).toHaveLength(10);
    // Express (11:00 cut-off) delivers Saturdays too: from Thursday.
    expect(warsaw[1].deliveryDates.slice(0, 3)).toEqual(["2026-12-03", "2026-12-04", "2026-12-05"]);

    expect((await run(token, SET_ADDRESS, { address: NEW_YORK })).userErrors).toEqual([]);
    const [standard, express] = (await cartOf(token)).shippingOptions;
    expect(standard.deliveryDates.slice(0, 3)).toEqual(["2026-12-04", "2026-12-07", "2026-12-08"]);
    // Express before its 12:00 cut-off: Wednesday on; Sunday the 6th is bookable with Sunday delivery.
    expect(express.deliveryDates.slice(0, 6)).toEqual(["2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07"]);
  });

  it("skip Thanksgiving, and move on at the cut-off", async () => {
    const { token } = await shopper([[1, 500, 1999]], NEW_YORK);
    // Wednesday 2026-11-25, 13:30 in New York: standard leaves today; three business days skip
    // Thanksgiving (the 26th): Friday, Monday, Tuesday December 1st.
    clock.set(new Date("2026-11-25T18:30:00Z"));
    expect((await cartOf(token)).shippingOptions[0].deliveryDates.slice(0, 2)).toEqual(["2026-12-01", "2026-12-02"]);
    // 14:30: past the cut-off, it leaves Friday: Wednesday December 2nd. The same cart, asked again
    // within the cache's life, is not answered from before the cut-off.
    clock.set(new Date("2026-11-25T19:30:00Z"));
    expect((await cartOf(token)).shippingOptions[0].deliveryDates.slice(0, 2)).toEqual(["2026-12-02", "2026-12-03"]);
  });
});

describe("add-ons", () => {
  it("are priced, carry-in only for a heavy cart", async () => {
    const light = await shopper([[1, 500, 1999]]);
    const [standard, express] = (await cartOf(light.token)).shippingOptions;
    expect(standard.addOns).toEqual([]);
    expect(express.addOns).toEqual([{ id: "us-express-sunday", title: "Sunday delivery", price: { amount: "9.99", currencyCode: "USD" } }]);
    // 16 kg of flat-pack at 45.00: standard's 10 kg bracket, 19.99, and carry-in from 15 kg.
    const heavy = await shopper([[1, 16_000, 4500]]);
    expect((await cartOf(heavy.token)).shippingOptions[0]).toMatchObject({ price: { amount: "19.99" }, addOns: [{ id: "us-standard-carry-in", price: { amount: "29.00" } }] });

    const refused = await run(light.token, SELECT, { o: "us-standard", a: ["us-standard-carry-in"] });
    expect(refused.userErrors).toEqual([{ code: "SHIPPING_ADD_ON_UNAVAILABLE", field: ["addOnIds"], message: expect.stringContaining("15 kg") }]);
  });

  it("make up the selected shipping's price with the option's", async () => {
    const { token } = await shopper([[1, 500, 1999]]);
    expect((await run(token, SELECT, { o: "us-express", d: "2026-12-06", a: ["us-express-sunday"] })).userErrors).toEqual([]);
    // 19.99 + 9.99 = 29.98.
    expect((await cartOf(token)).selectedShipping).toEqual({
      option: { id: "us-express", title: "Express delivery", price: { amount: "19.99" } },
      deliveryDate: "2026-12-06",
      addOns: [{ id: "us-express-sunday", title: "Sunday delivery", price: { amount: "9.99" } }],
      price: { amount: "29.98", currencyCode: "USD" },
    });
  });
});

describe("with the holiday calendar failing", () => {
  it("still answers the options, with dates from the built-in table marked estimated, hanging or erroring", async () => {
    for (const mode of ["hang", "fail"] as const) {
      // The API's last good answer is not kept, and a new cart is not in the options cache.
      await redis.del(holidayCacheKey("US", 2026));
      api.mode = mode;
      const { token } = await shopper([[1, 500, 1999]]);
      const started = Date.now();
      const [standard] = (await cartOf(token)).shippingOptions;
      expect(Date.now() - started, mode).toBeLessThan(5_000);
      expect(standard, mode).toMatchObject({ id: "us-standard", price: { amount: "5.99" }, deliveryDatesEstimated: true });
      expect(standard.deliveryDates.slice(0, 2), mode).toEqual(["2026-12-04", "2026-12-07"]);
      // An estimated answer is not kept: the same cart asks the calendar again once it answers.
      api.mode = "answer";
      expect((await cartOf(token)).shippingOptions[0].deliveryDatesEstimated, mode).toBe(false);
    }
  });
});

describe("selected shipping", () => {
  it("is the selection priced, and null once the cart's content no longer fits it", async () => {
    const { token } = await shopper([[2, 500, 1999]]);
    expect((await cartOf(token)).selectedShipping).toBeNull();
    expect((await run(token, SELECT, { o: "us-standard", d: "2026-12-07" })).userErrors).toEqual([]);
    expect((await cartOf(token)).selectedShipping).toMatchObject({ option: { id: "us-standard" }, deliveryDate: "2026-12-07", addOns: [], price: { amount: "5.99" } });
    // A 40 kg washing machine joins the cart: standard carries at most 30 kg.
    const [washer] = await createProducts(stack.catalog.db, 1, { weightGrams: 40_000, priceMinor: 64_900 });
    expect((await run(token, ADD, { p: washer, q: 1 })).userErrors).toEqual([]);
    const cart = await cartOf(token);
    expect(cart.selectedShipping).toBeNull();
    expect(summary(cart.shippingOptions)).toEqual([["us-freight", "79.00"], ["us-pickup", "0.00"]]);
  });

  it("is null once its delivery date is no longer offered", async () => {
    const { token } = await shopper([[1, 500, 1999]]);
    expect((await run(token, SELECT, { o: "us-standard", d: "2026-12-04" })).userErrors).toEqual([]);
    expect((await cartOf(token)).selectedShipping).toMatchObject({ deliveryDate: "2026-12-04" });
    // Thursday evening, after the cut-off: a parcel leaves Friday and arrives Wednesday the 9th at
    // the earliest, so the 4th is gone, and so is Monday the 7th for a new selection.
    clock.set(new Date("2026-12-03T23:00:00Z"));
    expect((await cartOf(token)).selectedShipping).toBeNull();
    expect((await cartOf(token)).shippingOptions[0].deliveryDates[0]).toBe("2026-12-09");
    expect((await run(token, SELECT, { o: "us-standard", d: "2026-12-07" })).userErrors).toEqual([{ code: "DELIVERY_DATE_UNAVAILABLE", field: ["deliveryDate"], message: expect.any(String) }]);
  });
});

describe("the options cache", () => {
  // An option of this file's own, for Iceland, which nothing else ships to.
  const iceland: SeedOption = {
    id: "test-e2e-is-post",
    title: "Iceland post",
    countryCodes: ["IS"],
    leadDays: 2,
    cutoffHour: 12,
    timeZone: "Atlantic/Reykjavik",
    deliveryWeekdays: [1, 2, 3, 4, 5],
    position: 10,
    rates: [{ priceMinor: 500 }],
  };

  it("keeps a cart's options until the next cut-off, while a selection is judged by the options as stored", async () => {
    await putShippingOption(stack.shipping.db, iceland);
    // 11:00 in Reykjavik (UTC all year): an hour before the cut-off.
    clock.set(new Date("2026-12-01T11:00:00Z"));
    const { token, products } = await shopper([[1, 500, 1999]], REYKJAVIK);
    expect(summary((await cartOf(token)).shippingOptions)).toEqual([["test-e2e-is-post", "5.00"]]);
    const hash = offersKey(
      { currencyCode: "USD", destination: { countryCode: "IS", provinceCode: null, postalCode: "101" }, lines: [{ productId: products[0], quantity: 1, weightGrams: 500, unitPriceMinor: 1999 }] },
      "2026-12-01",
    );
    const ttl = await redis.pttl(optionsCacheKey(hash));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);

    // The rate changes: the cached options still say 5.00, but selecting judges by the new rate.
    await putShippingOption(stack.shipping.db, { ...iceland, rates: [{ priceMinor: 650 }] });
    expect(summary((await cartOf(token)).shippingOptions)).toEqual([["test-e2e-is-post", "5.00"]]);
    await stack.shipping.db.shippingOption.update({ where: { id: iceland.id }, data: { active: false } });
    expect((await run(token, SELECT, { o: iceland.id })).userErrors).toEqual([{ code: "SHIPPING_OPTION_UNAVAILABLE", field: ["optionId"], message: expect.any(String) }]);
    await stack.shipping.db.shippingOption.update({ where: { id: iceland.id }, data: { active: true } });

    // Past the cut-off the cached options no longer hold: 6.50.
    clock.set(new Date("2026-12-01T12:00:00Z"));
    expect(summary((await cartOf(token)).shippingOptions)).toEqual([["test-e2e-is-post", "6.50"]]);
  });
});
