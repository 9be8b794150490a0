// The internal judgement over HTTP, as the cart and the order call it: a service identity may,
// anyone else may not; the seeded options judged at a moved clock (before and after a cut-off, a
// heavy cart and its carry-in, Sunday delivery, another country); input that is no cart refused;
// options read from Postgres at each call; and holidays from a Nager.Date server, or from the
// built-in table when it fails.
import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity, type Identity } from "@trolley/identity";
import { connected, graphql } from "@trolley/testing";
import { createRedis } from "@trolley/outbox";
import { putShippingOption, type SeedOption } from "../../../prisma/shipping/seed.js";
import { TestClock } from "../../../test/support/test-clock.js";
import { startShipping, type ShippingApp } from "../src/app.js";
import { readShippingConfig } from "../src/config.js";
import { holidayCacheKey } from "../src/holidays/holiday-cache.js";
import { holiday, startHolidayApi, type HolidayApiServer } from "./holiday-api-server.js";

const config = readShippingConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" });
// Tuesday 2026-12-01, 10:00 in New York (UTC-5): before us-standard's 14:00 cut-off.
const clock = new TestClock(new Date("2026-12-01T15:00:00Z"));
let app: ShippingApp;

beforeAll(async () => {
  app = await startShipping(config, { clock, background: false });
});
afterAll(() => app?.close());

const as = (identity: Identity) => ({ [IDENTITY_HEADER]: signIdentity(identity, config.INTERNAL_SECRET) });
const asCart = as(serviceIdentity("cart"));

const JUDGE = `query($cart: ShippingCartInput!, $selection: ShippingSelectionInput!) {
  judgeShippingSelection(cart: $cart, selection: $selection) {
    refusal { code message field }
    selected { optionId title priceMinor currencyCode deliveryDate addOns { id title priceMinor } totalMinor }
  }
}`;

interface Line {
  productId?: string;
  quantity: number;
  weightGrams: number;
  unitPriceMinor: string;
}

const shippingCart = (lines: Line[], address: Record<string, unknown> | null = null) => ({
  lines: lines.map((line, index) => ({ productId: `product-${index}`, ...line })),
  address,
  currencyCode: "USD",
});
const selection = (optionId: string, deliveryDate: string | null = null, addOnIds: string[] = []) => ({ optionId, deliveryDate, addOnIds });

async function judge(url: string, cart: ReturnType<typeof shippingCart>, chosen: ReturnType<typeof selection>, headers = asCart) {
  const answer = await graphql(url, JUDGE, { variables: { cart, selection: chosen }, headers });
  expect(answer.errors).toBeUndefined();
  return answer.data.judgeShippingSelection;
}

// Two books: 2 x 0.5 kg, 2 x 19.99 = 39.98.
const books = shippingCart([{ quantity: 2, weightGrams: 500, unitPriceMinor: "1999" }]);

describe("who may ask", () => {
  it("a service only", async () => {
    const customer = as({ kind: "user", subject: "mallory", roles: ["customer", "admin"] });
    const refused = await graphql(app.url, JUDGE, { variables: { cart: books, selection: selection("us-standard") }, headers: customer });
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const anonymous = await graphql(app.url, JUDGE, { variables: { cart: books, selection: selection("us-standard") } });
    expect(anonymous.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});

describe("the seeded options, judged at the shipping clock's time", () => {
  it("prices standard delivery of a light cart to the default country, dated from today's dispatch", async () => {
    // Before the cut-off: dispatch Tuesday, three business days: Friday 2026-12-04. 1 kg: 5.99.
    expect(await judge(app.url, books, selection("us-standard", "2026-12-04"))).toEqual({
      refusal: null,
      selected: { optionId: "us-standard", title: "Standard delivery", priceMinor: "599", currencyCode: "USD", deliveryDate: "2026-12-04", addOns: [], totalMinor: "599" },
    });
    expect((await judge(app.url, books, selection("us-standard", "2026-12-03"))).refusal).toMatchObject({ code: "DELIVERY_DATE_UNAVAILABLE", field: ["deliveryDate"] });
  });

  it("moves the dates once the cut-off has passed in the option's zone", async () => {
    // 14:30 in New York: dispatch Wednesday, so Friday is no longer bookable; Monday is the first date.
    clock.set(new Date("2026-12-01T19:30:00Z"));
    try {
      expect((await judge(app.url, books, selection("us-standard", "2026-12-04"))).refusal).toEqual({
        code: "DELIVERY_DATE_UNAVAILABLE",
        field: ["deliveryDate"],
        message: "Standard delivery cannot deliver on 2026-12-04 now; its first delivery date is 2026-12-07.",
      });
      expect((await judge(app.url, books, selection("us-standard", "2026-12-07"))).selected).toMatchObject({ deliveryDate: "2026-12-07" });
    } finally {
      clock.set(new Date("2026-12-01T15:00:00Z"));
    }
  });

  it("frees standard delivery from 99.00 of goods, and refuses it for a cart too heavy", async () => {
    // 3 x 33.00 = 99.00: free. 2 x 15.5 kg = 31 kg: over standard's 30 kg.
    const ninetyNine = shippingCart([{ quantity: 3, weightGrams: 700, unitPriceMinor: "3300" }]);
    expect((await judge(app.url, ninetyNine, selection("us-standard"))).selected).toMatchObject({ priceMinor: "0", totalMinor: "0" });
    const heavy = shippingCart([{ quantity: 2, weightGrams: 15_500, unitPriceMinor: "2000" }]);
    expect((await judge(app.url, heavy, selection("us-standard"))).refusal).toEqual({
      code: "SHIPPING_OPTION_UNAVAILABLE",
      field: ["optionId"],
      message: "Standard delivery carries at most 30 kg; this cart weighs 31 kg.",
    });
  });

  it("sends a heavy cart by freight, with carry-in, priced by weight and subtotal", async () => {
    // A 40 kg washing machine at 649.00: freight 79.00 plus carry-in 49.00 = 128.00.
    const washer = shippingCart([{ quantity: 1, weightGrams: 40_000, unitPriceMinor: "64900" }], { countryCode: "US", provinceCode: "NY", postalCode: "10001" });
    expect((await judge(app.url, washer, selection("us-freight", null, ["us-freight-carry-in"]))).selected).toEqual({
      optionId: "us-freight",
      title: "Freight delivery (large items)",
      priceMinor: "7900",
      currencyCode: "USD",
      deliveryDate: null,
      addOns: [{ id: "us-freight-carry-in", title: "Carry-in and unpacking", priceMinor: "4900" }],
      totalMinor: "12800",
    });
    // Three of them (120 kg, 1,947.00): from 100 kg and 1,500.00 of goods, 99.00.
    const three = shippingCart([{ quantity: 3, weightGrams: 40_000, unitPriceMinor: "64900" }]);
    expect((await judge(app.url, three, selection("us-freight"))).selected).toMatchObject({ priceMinor: "9900" });
    // A light cart is not offered freight, nor carry-in with standard delivery.
    expect((await judge(app.url, books, selection("us-freight"))).refusal).toMatchObject({ code: "SHIPPING_OPTION_UNAVAILABLE" });
    expect((await judge(app.url, books, selection("us-standard", null, ["us-standard-carry-in"]))).refusal).toEqual({
      code: "SHIPPING_ADD_ON_UNAVAILABLE",
      field: ["addOnIds"],
      message: "Carry-in to the room of your choice is offered with Standard delivery only for carts from 15 kg.",
    });
  });

  it("delivers express on a Sunday only with Sunday delivery", async () => {
    // Tuesday before express's 12:00 cut-off: dispatch Tuesday, Wednesday the earliest; Sunday 2026-12-06 is bookable with the add-on.
    expect((await judge(app.url, books, selection("us-express", "2026-12-06", ["us-express-sunday"]))).selected).toMatchObject({
      priceMinor: "1999",
      deliveryDate: "2026-12-06",
      addOns: [{ id: "us-express-sunday", title: "Sunday delivery", priceMinor: "999" }],
      totalMinor: "2998",
    });
    expect((await judge(app.url, books, selection("us-express", "2026-12-06"))).refusal?.code).toBe("DELIVERY_DATE_UNAVAILABLE");
    expect((await judge(app.url, books, selection("us-express", "2026-12-05", ["us-express-sunday"]))).refusal?.code).toBe("SHIPPING_ADD_ON_UNAVAILABLE");
  });

  it("judges by the address: Poland's options for Poland, none of the US's, none to Hawaii by ground", async () => {
    const warsaw = shippingCart([{ quantity: 2, weightGrams: 500, unitPriceMinor: "1999" }], { countryCode: "PL", provinceCode: null, postalCode: "00-950" });
    expect((await judge(app.url, warsaw, selection("pl-standard"))).selected).toMatchObject({ title: "Standard courier", priceMinor: "399" });
    expect((await judge(app.url, warsaw, selection("us-standard"))).refusal).toMatchObject({ code: "SHIPPING_OPTION_UNAVAILABLE", message: 'No shipping option "us-standard" delivers to PL.' });
    const honolulu = shippingCart([{ quantity: 1, weightGrams: 500, unitPriceMinor: "1999" }], { countryCode: "US", provinceCode: "HI", postalCode: "96813" });
    expect((await judge(app.url, honolulu, selection("us-standard"))).refusal?.message).toBe("Standard delivery does not deliver to HI, US.");
    expect((await judge(app.url, honolulu, selection("us-express"))).refusal).toBeNull();
  });

  it("refuses an empty cart and one in another currency", async () => {
    expect((await judge(app.url, shippingCart([]), selection("us-standard"))).refusal?.message).toBe("The cart has nothing to ship.");
    const euros = { ...books, currencyCode: "EUR" };
    expect((await judge(app.url, euros, selection("us-standard"))).refusal?.message).toBe("Standard delivery is priced in USD, the cart in EUR.");
  });
});

describe("input that is no cart", () => {
  it("is refused with BAD_USER_INPUT", async () => {
    const cases = [
      shippingCart([{ quantity: 1, weightGrams: 500, unitPriceMinor: "19.99" }]),
      shippingCart([{ quantity: 0, weightGrams: 500, unitPriceMinor: "1999" }]),
      shippingCart([{ quantity: 1, weightGrams: -1, unitPriceMinor: "1999" }]),
      shippingCart([{ quantity: 1, weightGrams: 500, unitPriceMinor: "1999" }], { countryCode: "usa", postalCode: "10001" }),
    ];
    for (const cart of cases) {
      const answer = await graphql(app.url, JUDGE, { variables: { cart, selection: selection("us-standard") }, headers: asCart });
      expect(answer.errors?.[0].extensions?.code, JSON.stringify(cart)).toBe("BAD_USER_INPUT");
    }
    // Not a calendar day: refused by the Date scalar before any resolver runs.
    const badDate = await graphql(app.url, JUDGE, { variables: { cart: books, selection: selection("us-standard", "2026-02-30") }, headers: asCart });
    expect(badDate.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("YYYY-MM-DD") });
  });
});

describe("the options' source", () => {
  // An option of this test's own, for a country nothing else uses (QJ: user-assigned).
  const own: SeedOption = {
    id: "test-judge-qj-standard",
    title: "QJ standard",
    countryCodes: ["QJ"],
    leadDays: 1,
    cutoffHour: 12,
    timeZone: "Europe/Warsaw",
    deliveryWeekdays: [1, 2, 3, 4, 5],
    position: 10,
    rates: [{ priceMinor: 500 }],
  };
  const toQj = shippingCart([{ quantity: 1, weightGrams: 500, unitPriceMinor: "1000" }], { countryCode: "QJ", postalCode: "1" });

  it("is Postgres at every judgement: a changed rate counts at once", async () => {
    await putShippingOption(app.db, own);
    expect((await judge(app.url, toQj, selection(own.id))).selected?.priceMinor).toBe("500");
    await putShippingOption(app.db, { ...own, rates: [{ priceMinor: 650 }] });
    expect((await judge(app.url, toQj, selection(own.id))).selected?.priceMinor).toBe("650");
    await app.db.shippingOption.update({ where: { id: own.id }, data: { active: false } });
    expect((await judge(app.url, toQj, selection(own.id))).refusal?.code).toBe("SHIPPING_OPTION_UNAVAILABLE");
  });

  describe("with holidays from a Nager.Date server", () => {
    let api: HolidayApiServer;
    let withApi: ShippingApp;

    const redis = createRedis(process.env.REDIS_URL!);

    beforeAll(async () => {
      await connected(redis);
      // What an earlier run on this Redis database kept must not answer for the API.
      await redis.del(holidayCacheKey("QJ", 2026));
      await putShippingOption(app.db, own);
      // Wednesday 2026-12-02 is a (made-up) public holiday in QJ.
      api = await startHolidayApi([holiday("QJ", "2026-12-02", "Test Day")]);
      withApi = await startShipping(readShippingConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "silent", HOLIDAY_API_URL: api.url, HOLIDAY_API_TIMEOUT: "300ms" }), { clock, background: false });
    });
    afterAll(async () => {
      await withApi?.close();
      await api?.close();
      redis.disconnect();
    });

    it("skips the API's holidays, and judges by the built-in table while the API fails", async () => {
      // Tuesday 16:00 in Warsaw, after the 12:00 cut-off: dispatch Wednesday, but Wednesday is a
      // holiday, so dispatch Thursday and deliver Friday.
      expect((await judge(withApi.url, toQj, selection(own.id, "2026-12-03"))).refusal?.code).toBe("DELIVERY_DATE_UNAVAILABLE");
      expect((await judge(withApi.url, toQj, selection(own.id, "2026-12-04"))).selected?.deliveryDate).toBe("2026-12-04");
      expect(api.requests).toEqual(["/api/v3/PublicHolidays/2026/QJ"]);

      // The API fails and its answer is no longer kept: the built-in table (which knows no QJ
      // holiday) answers, so Wednesday dispatches and Thursday is bookable.
      await redis.del(holidayCacheKey("QJ", 2026));
      api.mode = "fail";
      expect((await judge(withApi.url, toQj, selection(own.id, "2026-12-03"))).selected?.deliveryDate).toBe("2026-12-03");
      expect(api.requests).toHaveLength(2);
    });
  });
});
