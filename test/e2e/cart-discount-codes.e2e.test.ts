// Discount codes through the front door: a shopper enters a code, pricing judges it and prices the
// cart with it, and the cart holds it as entered; refusals change nothing and publish nothing; a
// change that makes a held code stop applying says so; a guest's codes come along on sign-in.
// Each test creates its own products and promotions (random codes), so tests share nothing.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { IDENTITY_HEADER, serviceIdentity, signIdentity } from "@trolley/identity";
import { graphql, userToken } from "@trolley/testing";
import { CART_EVENTS_STREAM } from "../../subgraphs/cart/src/app.js";
import { connectCartDb } from "../../subgraphs/cart/src/db.js";
import { createProducts } from "../support/catalog-products.js";
import { lockWaiter, whileHolding } from "../support/lock-waiter.js";
import { STACK_DISCOUNT_CODE_ATTEMPTS, startStack, type Stack } from "../support/stack.js";

const CART_FIELDS = `id updatedAt totalQuantity lines { quantity product { id } }
  discountCodes { code applicable }
  cost { subtotal { amount } discountTotal { amount } discounts { code title target amount { amount currencyCode } } }`;
const PAYLOAD = `cart { ${CART_FIELDS} } userErrors { code field message } warnings { code field message }`;
const CART = `{ cart { ${CART_FIELDS} } }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartLine(productId: $p, quantity: $q) { ${PAYLOAD} } }`;
const APPLY = `mutation($code: String!) { applyDiscountCode(code: $code) { ${PAYLOAD} } }`;
const REMOVE = `mutation($code: String!) { removeDiscountCode(code: $code) { ${PAYLOAD} } }`;
const MERGE = `mutation($t: String!) { mergeGuestCart(guestToken: $t) { ${PAYLOAD} } }`;
const CREATE_PROMOTION = `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id code } userErrors { code message } } }`;
const DEV_INTERNAL_SECRET = "dev-internal-secret-change-me";
const RESERVE = `mutation($id: ID!, $codes: [String!]!) { reserveDiscountCodes(reservationId: $id, codes: $codes) { ok userErrors { code } } }`;

interface Payload {
  cart: any;
  userErrors: { code: string; field: string[] | null; message: string }[];
  warnings: { code: string; field: string[] | null; message: string }[];
}

let stack: Stack;
let redis: Redis;
let admin: string;
// The test's own client: a lock the test holds must not take a connection from the cart's pool.
const holder = connectCartDb(process.env.DATABASE_URL!);

beforeAll(async () => {
  stack = await startStack();
  redis = new Redis(process.env.REDIS_URL!);
  admin = await userToken({ roles: ["admin"] });
});
afterAll(async () => {
  redis?.disconnect();
  await holder.$disconnect();
  await stack?.close();
});

/** A code no other test uses; promotions' codes are letters, digits, - and _. */
const newCode = (prefix = "T") => `${prefix}${randomUUID().replaceAll("-", "").slice(0, 10)}`;

async function promotion(input: Record<string, unknown>): Promise<string> {
  const result = await stack.query(CREATE_PROMOTION, { input: { title: `Test ${input.code}`, ...input } }, admin);
  expect(result.errors).toBeUndefined();
  expect(result.data.createPromotion.userErrors).toEqual([]);
  return result.data.createPromotion.promotion.code;
}

/** 15% off the given products. */
const percentOff = (productIds: string[], code = newCode()) =>
  promotion({ code, target: { kind: "PRODUCTS", productIds }, action: { kind: "PERCENTAGE", basisPoints: 1500 } });

/** 5.00 off an order whose goods come to at least 30.00. */
const fiveOffFromThirty = (code = newCode()) =>
  promotion({ code, target: { kind: "ORDER" }, action: { kind: "FIXED_AMOUNT", amount: "5.00" }, minSubtotal: "30.00" });

async function run(token: string, mutation: string, variables: Record<string, unknown> = {}): Promise<Payload> {
  const result = await stack.query(mutation, variables, token);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data)[0] as Payload;
}

async function cartOf(token: string) {
  const result = await stack.query(CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

/** A signed-in shopper whose cart holds `quantity` units of a product of its own at 19.99. */
async function shopper(quantity = 2) {
  const userId = `user-${randomUUID()}`;
  const token = await userToken({ sub: userId });
  const [product] = await createProducts(stack.catalog.db, 1, { priceMinor: 1999 });
  const { cart } = await run(token, ADD, { p: product, q: quantity });
  return { userId, token, product, cartId: cart.id as string };
}

/** What the cart wrote for a cart: its held codes and its events. */
async function written(cartId: string) {
  const [codes, events] = await Promise.all([
    stack.cart.db.cartDiscountCode.findMany({ where: { cartId }, orderBy: { position: "asc" }, select: { code: true } }),
    stack.cart.db.outboxEvent.findMany({ where: { aggregateId: cartId }, orderBy: { position: "asc" }, select: { type: true, data: true } }),
  ]);
  return { codes: codes.map((row) => row.code), events };
}

describe("applying a discount code", () => {
  it("holds a code that applies, as entered, and the cart's cost shows what it takes off", async () => {
    const { token, product, cartId } = await shopper(3);
    const code = await percentOff([product]);
    const entered = code.toLowerCase();

    const applied = await run(token, APPLY, { code: `  ${entered} ` });
    expect(applied.userErrors).toEqual([]);
    expect(applied.warnings).toEqual([]);
    expect(applied.cart.discountCodes).toEqual([{ code: entered, applicable: true }]);
    // 3 x 19.99 = 59.97; 15% of it is 8.9955, which rounds to 9.00.
    expect(applied.cart.cost).toMatchObject({
      subtotal: { amount: "59.97" },
      discountTotal: { amount: "9.00" },
      discounts: [{ code: expect.stringMatching(new RegExp(`^${code}$`, "i")), target: "LINE", amount: { amount: "9.00", currencyCode: "USD" } }],
    });
    expect(await cartOf(token)).toEqual(applied.cart);
    expect((await written(cartId)).codes).toEqual([entered]);
  });

  it.each([
    ["unknown", "DISCOUNT_CODE_INVALID", async () => newCode("NOPE")],
    [
      "expired",
      "DISCOUNT_CODE_EXPIRED",
      () =>
        promotion({
          code: newCode(),
          target: { kind: "ORDER" },
          action: { kind: "PERCENTAGE", basisPoints: 1000 },
          startsAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          endsAt: new Date(Date.now() - 86_400_000).toISOString(),
        }),
    ],
    ["not applicable to this cart", "DISCOUNT_CODE_NOT_APPLICABLE", () => promotion({ code: newCode(), target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 }, minSubtotal: "1000.00" })],
    [
      "used up",
      "DISCOUNT_CODE_USED_UP",
      async () => {
        const code = await promotion({ code: newCode(), target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 }, usageLimit: 1 });
        // Its one use is reserved by another shopper's checkout.
        const headers = { [IDENTITY_HEADER]: signIdentity(serviceIdentity("order"), DEV_INTERNAL_SECRET) };
        const reserved = await graphql(stack.pricing.url, RESERVE, { headers, variables: { id: randomUUID(), codes: [code] } });
        expect(reserved.data?.reserveDiscountCodes).toEqual({ ok: true, userErrors: [] });
        return code;
      },
    ],
  ] as const)("a code %s is refused with %s, and nothing changes", async (_case, outcome, codeToTry) => {
    const { token, cartId } = await shopper();
    const code = await codeToTry();
    const before = await cartOf(token);
    const writtenBefore = await written(cartId);

    const refused = await run(token, APPLY, { code });
    expect(refused.userErrors).toEqual([expect.objectContaining({ code: outcome, field: ["code"] })]);
    expect(refused.userErrors[0].message.length).toBeGreaterThan(0);
    expect(refused.warnings).toEqual([]);
    expect(refused.cart).toEqual(before);
    expect(await cartOf(token)).toEqual(before);
    expect(await written(cartId)).toEqual(writtenBefore);
  });

  it("refuses a blank or over-long code without asking pricing", async () => {
    const { token, cartId } = await shopper();
    for (const code of ["   ", "X".repeat(65)]) {
      const refused = await run(token, APPLY, { code });
      expect(refused.userErrors.map((e) => e.code)).toEqual(["DISCOUNT_CODE_INVALID"]);
    }
    expect((await written(cartId)).codes).toEqual([]);
  });

  it("changes nothing when the cart already holds the code, in any case", async () => {
    const { token, product, cartId } = await shopper();
    const code = await percentOff([product]);
    const entered = `${code.slice(0, 3).toLowerCase()}${code.slice(3)}`;
    const first = await run(token, APPLY, { code: entered });
    const writtenAfterFirst = await written(cartId);

    const again = await run(token, APPLY, { code: code.toUpperCase() });
    expect(again.userErrors).toEqual([]);
    expect(again.cart).toEqual(first.cart);
    expect(again.cart.discountCodes).toEqual([{ code: entered, applicable: true }]);
    expect(await written(cartId)).toEqual(writtenAfterFirst);
  });
});

describe("removing a discount code", () => {
  it("removes it in any case; removing a code the cart does not hold is refused", async () => {
    const { token, product, cartId } = await shopper();
    const code = await percentOff([product]);
    await run(token, APPLY, { code });

    const removed = await run(token, REMOVE, { code: code.toLowerCase() });
    expect(removed.userErrors).toEqual([]);
    expect(removed.cart.discountCodes).toEqual([]);
    expect(removed.cart.cost).toMatchObject({ discountTotal: { amount: "0.00" }, discounts: [] });

    const writtenBefore = await written(cartId);
    const again = await run(token, REMOVE, { code });
    expect(again.userErrors).toEqual([expect.objectContaining({ code: "DISCOUNT_CODE_NOT_FOUND", field: ["code"] })]);
    expect(again.cart).toEqual(removed.cart);
    expect(await written(cartId)).toEqual(writtenBefore);
  });
});

describe("a held code after other changes", () => {
  it("stops applying with a warning when the cart no longer qualifies, stays held, and applies again once it does", async () => {
    const { token, product } = await shopper(2);
    const code = await fiveOffFromThirty();
    // 2 x 19.99 = 39.98: at least 30.00, so 5.00 off.
    const applied = await run(token, APPLY, { code });
    expect(applied.cart.cost.discountTotal).toEqual({ amount: "5.00" });

    // 1 x 19.99 = 19.99: below 30.00.
    const lowered = await run(token, UPDATE, { p: product, q: 1 });
    expect(lowered.userErrors).toEqual([]);
    expect(lowered.warnings).toEqual([{ code: "DISCOUNT_CODE_NOT_APPLICABLE_NOW", field: ["discountCodes"], message: expect.stringContaining(code) }]);
    expect(lowered.cart.discountCodes).toEqual([{ code, applicable: false }]);
    expect(lowered.cart.cost.discountTotal).toEqual({ amount: "0.00" });

    // Entering it again while it is held changes nothing.
    const again = await run(token, APPLY, { code });
    expect(again.userErrors).toEqual([]);
    expect(again.cart.discountCodes).toEqual([{ code, applicable: false }]);

    const raised = await run(token, UPDATE, { p: product, q: 2 });
    expect(raised.warnings).toEqual([]);
    expect(raised.cart.discountCodes).toEqual([{ code, applicable: true }]);
    expect(raised.cart.cost.discountTotal).toEqual({ amount: "5.00" });
  });
});

describe("signing in with a guest cart", () => {
  it("brings the guest's codes into the user's cart, after the user's own, without a second copy of one the user holds", async () => {
    const { token: user, product, cartId } = await shopper(1);
    const [shared, guestOnly] = [await percentOff([product]), await fiveOffFromThirty()];
    await run(user, APPLY, { code: shared.toLowerCase() });

    const guest = (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession.token as string;
    await run(guest, ADD, { p: product, q: 1 });
    await run(guest, APPLY, { code: shared });
    // One unit at 19.99 does not reach 30.00 yet, but the code qualifies once the carts are merged.
    expect((await run(guest, APPLY, { code: guestOnly })).userErrors.map((e) => e.code)).toEqual(["DISCOUNT_CODE_NOT_APPLICABLE"]);
    await run(guest, UPDATE, { p: product, q: 2 });
    expect((await run(guest, APPLY, { code: guestOnly })).userErrors).toEqual([]);

    const merged = await run(user, MERGE, { t: guest });
    expect(merged.userErrors).toEqual([]);
    expect(merged.warnings).toEqual([]);
    expect(merged.cart.lines).toEqual([{ quantity: 3, product: { id: product } }]);
    expect(merged.cart.discountCodes).toEqual([
      { code: shared.toLowerCase(), applicable: true },
      { code: guestOnly, applicable: true },
    ]);
    const { events } = await written(cartId);
    expect(events.at(-1)).toEqual({ type: "CartMerged", data: expect.objectContaining({ codes: [guestOnly] }) });
  });
});

describe("discount code events", () => {
  it("PromoCodeApplied and PromoCodeRemoved reach cart-events with the code as entered and as held", async () => {
    const { userId, token, product, cartId } = await shopper();
    const code = await percentOff([product]);
    await run(token, APPLY, { code: code.toLowerCase() });
    await run(token, REMOVE, { code });
    await stack.cart.relay.drain();

    const entries = await redis.xrange(CART_EVENTS_STREAM, "-", "+");
    const events = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf("event") + 1])).filter((event) => event.aggregateId === cartId);
    expect(events.map((event) => event.type)).toEqual(["CartItemAdded", "PromoCodeApplied", "PromoCodeRemoved"]);
    expect(events.slice(1).map((event) => ({ userId: event.userId, data: event.data }))).toEqual([
      { userId, data: { code: code.toLowerCase() } },
      { userId, data: { code: code.toLowerCase() } },
    ]);
  });
});

describe("racing changes", () => {
  it("two applies of one code in different cases, overlapping, hold it once and publish it once", async () => {
    const { token, product, cartId } = await shopper();
    const code = await percentOff([product]);
    const [a, b] = await whileHolding(holder, (tx) => tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${cartId} FOR UPDATE`, 2, () =>
      Promise.all([run(token, APPLY, { code }), run(token, APPLY, { code: code.toLowerCase() })]),
    );
    expect([a.userErrors, b.userErrors]).toEqual([[], []]);
    const { codes, events } = await written(cartId);
    expect(codes).toHaveLength(1);
    expect(events.filter((event) => event.type === "PromoCodeApplied")).toHaveLength(1);
  });

  it("a code judged for a cart that changes before it is written is judged again for the cart as it is", async () => {
    const { token, product, cartId } = await shopper(2);
    const code = await fiveOffFromThirty();
    // The lowering queues first behind the test's lock; the apply is judged while the cart still
    // holds 2 units (39.98), then queues behind it, and reaches the lock after 1 unit was written.
    const [, applied] = await whileHolding(holder, (tx) => tx.$queryRaw`SELECT 1 FROM "cart"."cart" WHERE "id" = ${cartId} FOR UPDATE`, 2, async () => {
      const lowering = run(token, UPDATE, { p: product, q: 1 });
      await lockWaiter(holder, { waiting: 1 });
      return Promise.all([lowering, run(token, APPLY, { code })]);
    });
    expect(applied.userErrors.map((e) => e.code)).toEqual(["DISCOUNT_CODE_NOT_APPLICABLE"]);
    expect(applied.cart.discountCodes).toEqual([]);
    expect((await written(cartId)).codes).toEqual([]);
  });
});

describe("with pricing unreachable", () => {
  it("applying a code is refused with PRICING_UNAVAILABLE and nothing changes; a line change stands, without warnings", async () => {
    const { token, product, cartId } = await shopper(2);
    const code = await fiveOffFromThirty();
    await run(token, APPLY, { code });
    const writtenBefore = await written(cartId);
    stack.pricingLink.cut();
    try {
      const refused = await stack.query(`mutation($code: String!) { applyDiscountCode(code: $code) { cart { id lines { quantity } } userErrors { code } warnings { code } } }`, { code: newCode() }, token);
      expect(refused.data.applyDiscountCode).toEqual({ cart: { id: cartId, lines: [{ quantity: 2 }] }, userErrors: [{ code: "PRICING_UNAVAILABLE" }], warnings: [] });
      expect(await written(cartId)).toEqual(writtenBefore);

      const lowered = await stack.query(`mutation($p: ID!) { updateCartLine(productId: $p, quantity: 1) { cart { lines { quantity } } userErrors { code } warnings { code } } }`, { p: product }, token);
      expect(lowered.data.updateCartLine).toEqual({ cart: { lines: [{ quantity: 1 }] }, userErrors: [], warnings: [] });
    } finally {
      stack.pricingLink.restore();
    }
  });
});

describe("too many attempts", () => {
  it("past pricing's DISCOUNT_CODE_ATTEMPTS a caller's codes are refused with TOO_MANY_ATTEMPTS, even one that applies", async () => {
    const { token, cartId } = await shopper();
    const good = await promotion({ code: newCode(), target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 } });
    for (let attempt = 0; attempt < STACK_DISCOUNT_CODE_ATTEMPTS; attempt++) {
      expect((await run(token, APPLY, { code: newCode("NOPE") })).userErrors.map((e) => e.code)).toEqual(["DISCOUNT_CODE_INVALID"]);
    }
    const refused = await run(token, APPLY, { code: good });
    expect(refused.userErrors.map((e) => e.code)).toEqual(["TOO_MANY_ATTEMPTS"]);
    expect(refused.cart.discountCodes).toEqual([]);
    expect((await written(cartId)).codes).toEqual([]);
    // Another shopper is not held back.
    const other = await shopper();
    expect((await run(other.token, APPLY, { code: good })).userErrors).toEqual([]);
  });
});
