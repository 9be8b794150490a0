// Pricing's internal operations over HTTP, as the cart and order subgraphs call them: a service
// identity may, anyone else may not; input that is no cart is refused; a checkout reserves its
// codes' uses and releases them; and the relay puts each refused code on the pricing-events stream.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity, type Identity } from "@trolley/identity";
import { connected, graphql } from "@trolley/testing";
import { createRedis } from "@trolley/outbox";
import { PRICING_EVENTS_STREAM, startPricing, type PricingApp } from "../src/app.js";
import { readPricingConfig } from "../src/config.js";

const config = readPricingConfig({ ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" });
let app: PricingApp;

beforeAll(async () => {
  app = await startPricing(config, { background: false });
});
afterAll(() => app?.close());

const as = (identity: Identity) => ({ [IDENTITY_HEADER]: signIdentity(identity, config.INTERNAL_SECRET) });
const asCart = as(serviceIdentity("cart"));
const asCustomer = as({ kind: "user", subject: "mallory", roles: ["customer", "admin"] });

const QUOTE = `query($request: QuoteRequestInput!, $fresh: Boolean) { quoteCart(request: $request, fresh: $fresh) { quoteJson hash totalMinor currencyCode } }`;
const JUDGE = `mutation($code: String!, $request: QuoteRequestInput!, $caller: String!) { judgeDiscountCode(code: $code, request: $request, callerKey: $caller) { outcome code message } }`;
const RESERVE = `mutation($id: ID!, $codes: [String!]!, $customer: QuoteCustomerInput) { reserveDiscountCodes(reservationId: $id, codes: $codes, customer: $customer) { ok userErrors { code field } } }`;
const RELEASE = `mutation($id: ID!) { releaseDiscountCodes(reservationId: $id) }`;

const request = (fields: Record<string, unknown> = {}) => ({
  lines: [{ id: "l1", productId: randomUUID(), quantity: 2, unitPriceMinor: "1999", currencyCode: "USD", taxCategory: "STANDARD" }],
  codes: [],
  currencyCode: "USD",
  ...fields,
});

async function codePromotion(usageLimit: number) {
  const code = `H${randomUUID().slice(0, 10)}`.toUpperCase();
  await app.db.promotion.create({ data: { title: "10% off", code, usageLimit, rule: { target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 } }, updatedAt: new Date() } });
  await app.rules.reload();
  return code;
}

describe("quoteCart", () => {
  it("answers the engine's quote, its hash and total for a service, from the cache or fresh", async () => {
    // 2 x 19.99 = 39.98; 39.98 x 7.25% = 2.89855 -> 2.90; total 42.88 (California, estimated).
    for (const fresh of [false, true]) {
      const answer = await graphql(app.url, QUOTE, { variables: { request: request(), fresh }, headers: asCart });
      expect(answer.errors).toBeUndefined();
      const { quoteJson, hash, totalMinor, currencyCode } = answer.data.quoteCart;
      expect([totalMinor, currencyCode]).toEqual(["4288", "USD"]);
      expect(JSON.parse(quoteJson)).toMatchObject({ hash, subtotalMinor: 3998, taxMinor: 290, totalMinor: 4288, taxEstimated: true, taxCountryCode: "US", taxProvinceCode: "CA" });
    }
    // With an address in Poland: 23% VAT on top (prices without tax here): 39.98 x 23% = 9.1954 -> 9.20.
    const poland = await graphql(app.url, QUOTE, { variables: { request: request({ address: { countryCode: "PL" } }) }, headers: asCart });
    expect(poland.data.quoteCart.totalMinor).toBe("4918");
  });

  it("prices services sold with the goods, taxed where the country taxes services", async () => {
    // Installation 49.00 on the line (x2) and gift wrap 4.50: services 102.50. Poland, with VAT on
    // services at the standard 23%: goods 39.98 x 23% = 9.1954 -> 9.20, installation 98.00 x 23% =
    // 22.54, gift wrap 4.50 x 23% = 1.035 -> 1.04 (half-even per line); total 39.98 + 102.50 + 32.78 = 175.26.
    const services = [
      { id: "s1", lineId: "l1", quantity: 2, unitPriceMinor: "4900", currencyCode: "USD" },
      { id: "s2", lineId: null, quantity: 1, unitPriceMinor: "450", currencyCode: "USD" },
    ];
    const answer = await graphql(app.url, QUOTE, { variables: { request: request({ services, address: { countryCode: "PL" } }) }, headers: asCart });
    expect(answer.errors).toBeUndefined();
    const quote = JSON.parse(answer.data.quoteCart.quoteJson);
    expect(quote).toMatchObject({ subtotalMinor: 3998, servicesSubtotalMinor: 10250, taxMinor: 3278, totalMinor: 17526 });
    const badService = request({ services: [{ id: "s1", lineId: "nope", quantity: 1, unitPriceMinor: "450", currencyCode: "USD" }] });
    expect((await graphql(app.url, QUOTE, { variables: { request: badService }, headers: asCart })).errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining("INVALID_REFERENCE"),
    });
  });

  it("is refused to anyone but a service, and refuses input that is no cart", async () => {
    const refused = await graphql(app.url, QUOTE, { variables: { request: request() }, headers: asCustomer });
    expect(refused.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const badAmount = request({ lines: [{ id: "l1", productId: "p", quantity: 1, unitPriceMinor: "19.99", currencyCode: "USD", taxCategory: "STANDARD" }] });
    expect((await graphql(app.url, QUOTE, { variables: { request: badAmount }, headers: asCart })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const twoCurrencies = request({ currencyCode: "EUR" });
    const mixed = await graphql(app.url, QUOTE, { variables: { request: twoCurrencies }, headers: asCart });
    expect(mixed.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT" }, message: expect.stringContaining("CURRENCY_MISMATCH") });
  });
});

describe("codes at checkout", () => {
  it("reserves all codes or none, answers a repeat the same, and releases once", async () => {
    const code = await codePromotion(1);
    const [first, second] = [randomUUID(), randomUUID()];
    const reserve = (id: string) => graphql(app.url, RESERVE, { variables: { id, codes: [code], customer: { userId: "u1" } }, headers: asCart });
    expect((await reserve(first)).data.reserveDiscountCodes).toEqual({ ok: true, userErrors: [] });
    expect((await reserve(first)).data.reserveDiscountCodes).toEqual({ ok: true, userErrors: [] });
    expect((await reserve(second)).data.reserveDiscountCodes).toEqual({ ok: false, userErrors: [{ code: "DISCOUNT_CODE_USED_UP", field: ["code"] }] });
    expect((await graphql(app.url, RELEASE, { variables: { id: first }, headers: asCart })).data.releaseDiscountCodes).toBe(true);
    expect((await graphql(app.url, RELEASE, { variables: { id: first }, headers: asCart })).data.releaseDiscountCodes).toBe(false);
    expect((await reserve(second)).data.reserveDiscountCodes).toEqual({ ok: true, userErrors: [] });
    expect((await graphql(app.url, RELEASE, { variables: { id: second }, headers: asCustomer })).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("judges a code, and publishes each refusal to pricing-events", async () => {
    const code = await codePromotion(100);
    const caller = `guest:${randomUUID()}`;
    expect((await graphql(app.url, JUDGE, { variables: { code, request: request(), caller }, headers: asCart })).data.judgeDiscountCode).toEqual({
      outcome: "OK",
      code,
      message: expect.any(String),
    });
    const refused = await graphql(app.url, JUDGE, { variables: { code: "NOT-A-CODE", request: request(), caller }, headers: asCart });
    expect(refused.data.judgeDiscountCode).toEqual({ outcome: "DISCOUNT_CODE_INVALID", code: null, message: "No promotion has this code." });

    const redis = await connected(createRedis(process.env.REDIS_URL!));
    try {
      await app.relay.drain();
      const entries = await redis.xrange(PRICING_EVENTS_STREAM, "-", "+");
      const published = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf("event") + 1])).filter((event) => event.aggregateId === caller);
      expect(published).toEqual([expect.objectContaining({ type: "PromoCodeInvalid", userId: null, data: { code: "NOT-A-CODE", outcome: "DISCOUNT_CODE_INVALID", callerKey: caller } })]);
    } finally {
      redis.disconnect();
    }
  });
});
