// The rules every cart view is priced with live in each pricing process's memory. Two processes
// share the database and Redis here: a change an admin makes through one is in that one's rules
// before its answer, and in the other's once the change event reaches it; a change that published
// no event is picked up by the periodic refresh. Waits are on the cache's own "reloaded" event.
import "reflect-metadata";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, serviceIdentity, signIdentity, type Identity } from "@trolley/identity";
import { graphql } from "@trolley/testing";
import { startPricing, type PricingApp } from "../src/app.js";
import { readPricingConfig } from "../src/config.js";
import type { PricingRules } from "../src/pricing-rules/pricing-rules.mapping.js";

const env = { ...process.env, PORT: "0", METRICS_PORT: "0", LOG_LEVEL: "error" };
const config = readPricingConfig(env);
let first: PricingApp;
let second: PricingApp;

beforeAll(async () => {
  first = await startPricing(config);
  second = await startPricing(config);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

const as = (identity: Identity) => ({ [IDENTITY_HEADER]: signIdentity(identity, config.INTERNAL_SECRET) });
const admin = as({ kind: "user", subject: "admin-1", roles: ["admin"] });
const service = as(serviceIdentity("order"));

const QUOTE = `query($request: QuoteRequestInput!) { quoteCart(request: $request) { totalMinor currencyCode quoteJson } }`;
const request = (productId: string) => ({
  lines: [{ id: "l1", productId, quantity: 3, unitPriceMinor: "1000", currencyCode: "USD", taxCategory: "STANDARD" }],
  codes: [],
  currencyCode: "USD",
});

/** Resolves with the next rules `app` loads that pass `check`. */
async function reloadedUntil(app: PricingApp, check: (rules: PricingRules) => boolean): Promise<PricingRules> {
  for (;;) {
    const [rules] = (await once(app.rules.events, "reloaded")) as [PricingRules];
    if (check(rules)) return rules;
  }
}

describe("the rules cache", () => {
  it("holds an admin's change in the process that made it before it answers, and in the other once the event arrives", async () => {
    const productId = randomUUID();
    // 3 x 10.00 + 7.25% = 32.18 without a promotion.
    expect((await graphql(second.url, QUOTE, { variables: { request: request(productId) }, headers: service })).data.quoteCart.totalMinor).toBe("3218");

    const otherHasIt = reloadedUntil(second, (rules) => rules.promotions.some((p) => p.target.kind === "PRODUCTS" && p.target.productIds.includes(productId)));
    const input = { title: "3 for 2", target: { kind: "PRODUCTS", productIds: [productId] }, action: { kind: "BUY_X_PAY_Y", buy: 3, pay: 2 } };
    const created = await graphql(first.url, `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id } userErrors { code } } }`, {
      variables: { input },
      headers: admin,
    });
    expect(created.data.createPromotion.userErrors).toEqual([]);
    // 20.00 + 1.45 = 21.45, at once in the first process.
    expect((await graphql(first.url, QUOTE, { variables: { request: request(productId) }, headers: service })).data.quoteCart.totalMinor).toBe("2145");

    await otherHasIt;
    expect((await graphql(second.url, QUOTE, { variables: { request: request(productId) }, headers: service })).data.quoteCart.totalMinor).toBe("2145");
  });

  it("picks up a change that published no event at the next periodic refresh", async () => {
    const refreshing = await startPricing(readPricingConfig({ ...env, PRICING_RULES_REFRESH: "200ms" }));
    try {
      const code = `R${randomUUID().slice(0, 10)}`.toUpperCase();
      const hasIt = reloadedUntil(refreshing, (rules) => rules.promotions.some((p) => p.code === code));
      // Written behind pricing's back: no PromotionChanged.
      await refreshing.db.promotion.create({ data: { title: "5% off", code, rule: { target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 500 } }, updatedAt: new Date() } });
      await hasIt;
    } finally {
      await refreshing.close();
    }
  });
});
