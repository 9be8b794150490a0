// Judging a code a shopper enters, against the worker's real database and Redis: the quote decides
// whether it applies, stored uses whether it is used up, Redis counts the attempts, and every
// refusal is written to pricing's outbox. Every test makes its own promotions (fresh codes) and
// callers; carts are of products no stored promotion names.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "@trolley/http";
import { createRedis, type NewEvent, Outbox } from "@trolley/outbox";
import { connected } from "@trolley/testing";
import { CodeAttempts } from "../src/codes/code-attempts.js";
import { DiscountCodeService } from "../src/codes/discount-code.service.js";
import { connectPricingDb, type PricingDb } from "../src/db.js";
import type { QuoteRequest } from "../src/quoting/quote.service.js";
import { QuoteService } from "../src/quoting/quote.service.js";
import { RulesCache } from "../src/pricing-rules/rules-cache.js";
import { PricingRulesStore } from "../src/pricing-rules/pricing-rules.store.js";
import { CodeUseStore } from "../src/usage/code-use.store.js";
import { CodeUsageService } from "../src/usage/code-usage.service.js";

const silent = { warn() {}, info() {}, error() {} };
const ATTEMPTS = 5;

let db: PricingDb;
let redis: ReturnType<typeof createRedis>;
let rules: RulesCache;
let codes: DiscountCodeService;
let usage: CodeUsageService;

beforeAll(async () => {
  db = connectPricingDb(process.env.DATABASE_URL!);
  redis = await connected(createRedis(process.env.REDIS_URL!));
  rules = new RulesCache(() => new PricingRulesStore(db).load(), silent);
  const quotes = new QuoteService(rules, { taxIncluded: false, defaultCountryCode: "US", defaultProvinceCode: "CA" }, systemClock);
  const outbox = new Outbox({ schema: "pricing" });
  const publish = async (events: NewEvent[]) => void (await outbox.append(db, events));
  const uses = new CodeUseStore(db);
  codes = new DiscountCodeService(quotes, new CodeAttempts(redis, ATTEMPTS, 60_000, silent), uses, publish, systemClock);
  usage = new CodeUsageService(uses, systemClock);
});
afterAll(async () => {
  await db?.$disconnect();
  redis?.disconnect();
});

/** A promotion of this test's own, then the rules reloaded (as its change event would). */
async function promotion(fields: { code: string; minSubtotalMinor?: number; usageLimit?: number; perCustomerLimit?: number; startsAt?: Date; endsAt?: Date }) {
  const { minSubtotalMinor, ...rest } = fields;
  await db.promotion.create({
    data: { title: "10% off", rule: { target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 } }, minSubtotalMinor, updatedAt: new Date(), ...rest },
  });
  await rules.reload();
}

const newCode = () => `J${randomUUID().slice(0, 10)}`.toUpperCase();
const newCaller = () => `user-${randomUUID()}`;

/** A cart of one line of `unitPriceMinor`, of a product no stored promotion names. */
const cart = (unitPriceMinor: number, codes: string[] = []): QuoteRequest => ({
  currencyCode: "USD",
  lines: [{ id: "line-1", productId: randomUUID(), quantity: 1, unitPriceMinor, currencyCode: "USD", categoryIds: [], taxCategory: "STANDARD" }],
  services: [],
  codes,
  address: null,
  shippingPriceMinor: null,
});

const refusalsOf = async (callerKey: string) =>
  (await db.outboxEvent.findMany({ where: { aggregateId: callerKey, type: "PromoCodeInvalid" }, orderBy: { position: "asc" } })).map((row) => row.data);

describe("judging a code", () => {
  it("OK when it applies, answering the promotion's own spelling; nothing is published", async () => {
    const code = newCode();
    await promotion({ code });
    const caller = newCaller();
    expect(await codes.judge(code.toLowerCase(), cart(5000), null, caller)).toEqual({ outcome: "OK", code, message: "The code applies to this cart." });
    expect(await refusalsOf(caller)).toEqual([]);
  });

  it("refuses unknown, expired, not yet valid and inapplicable codes, publishing each refusal", async () => {
    const [expired, future, over100] = [newCode(), newCode(), newCode()];
    await promotion({ code: expired, endsAt: new Date(Date.now() - 1000) });
    await promotion({ code: future, startsAt: new Date(Date.now() + 3_600_000) });
    await promotion({ code: over100, minSubtotalMinor: 10_000 });
    const caller = newCaller();
    const outcome = async (code: string) => (await codes.judge(code, cart(5000), null, caller)).outcome;
    expect(await outcome("NOPE-NO-SUCH-CODE")).toBe("DISCOUNT_CODE_INVALID");
    expect(await outcome(expired)).toBe("DISCOUNT_CODE_EXPIRED");
    expect(await outcome(future)).toBe("DISCOUNT_CODE_EXPIRED");
    expect(await outcome(over100)).toBe("DISCOUNT_CODE_NOT_APPLICABLE");
    expect(await refusalsOf(caller)).toEqual([
      { code: "NOPE-NO-SUCH-CODE", outcome: "DISCOUNT_CODE_INVALID", callerKey: caller },
      { code: expired, outcome: "DISCOUNT_CODE_EXPIRED", callerKey: caller },
      { code: future, outcome: "DISCOUNT_CODE_EXPIRED", callerKey: caller },
      { code: over100, outcome: "DISCOUNT_CODE_NOT_APPLICABLE", callerKey: caller },
    ]);
  });

  it("USED_UP once reserved and confirmed uses reach the limit; released ones do not count", async () => {
    const code = newCode();
    await promotion({ code, usageLimit: 2 });
    const [a, b] = [randomUUID(), randomUUID()];
    await usage.reserve(a, [code]);
    await usage.reserve(b, [code]);
    await usage.confirm(a);
    expect((await codes.judge(code, cart(5000), null, newCaller())).outcome).toBe("DISCOUNT_CODE_USED_UP");
    await usage.release(b);
    expect((await codes.judge(code, cart(5000), null, newCaller())).outcome).toBe("OK");
  });

  it("a per-customer limit needs a customer, and counts that customer's uses", async () => {
    const code = newCode();
    await promotion({ code, perCustomerLimit: 1 });
    expect((await codes.judge(code, cart(5000), null, newCaller())).outcome).toBe("DISCOUNT_CODE_CUSTOMER_REQUIRED");
    expect((await codes.judge(code, cart(5000), { userId: "dana" }, newCaller())).outcome).toBe("OK");
    await usage.reserve(randomUUID(), [code], { userId: "dana" });
    expect((await codes.judge(code, cart(5000), { userId: "dana" }, newCaller())).outcome).toBe("DISCOUNT_CODE_USED_UP");
    expect((await codes.judge(code, cart(5000), { email: "erin@example.com" }, newCaller())).outcome).toBe("OK");
  });

  it(`allows ${ATTEMPTS} attempts per caller in the window, then TOO_MANY_ATTEMPTS, also for a valid code`, async () => {
    const code = newCode();
    await promotion({ code });
    const caller = newCaller();
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) expect((await codes.judge("WRONG", cart(5000), null, caller)).outcome).toBe("DISCOUNT_CODE_INVALID");
    expect(await codes.judge(code, cart(5000), null, caller)).toMatchObject({ outcome: "TOO_MANY_ATTEMPTS", code: null });
    // Another caller is not held back, and the counter expires with its window.
    expect((await codes.judge(code, cart(5000), null, newCaller())).outcome).toBe("OK");
    expect(await redis.pttl(`pricing:code-attempts:${caller}`)).toBeGreaterThan(0);
    expect((await refusalsOf(caller)).at(-1)).toEqual({ code, outcome: "TOO_MANY_ATTEMPTS", callerKey: caller });
  });
});

describe("the standing of held codes across a change", () => {
  it("names each held code that applied before the change and no longer does", async () => {
    const over100 = newCode();
    const always = newCode();
    await promotion({ code: over100, minSubtotalMinor: 10_000 });
    await promotion({ code: always });
    const standing = await codes.standing(cart(12_000, [over100, always]), cart(8_000, [over100, always]));
    expect(standing).toEqual([
      { code: over100, applicableBefore: true, applicableAfter: false },
      { code: always, applicableBefore: true, applicableAfter: true },
    ]);
  });
});
