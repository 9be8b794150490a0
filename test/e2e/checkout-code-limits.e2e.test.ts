// A code's limits hold at checkout, through the gateway: twenty shoppers holding a code limited to
// five uses check out at once and exactly five orders get it, the rest are refused with nothing
// kept; a code limited to one use per customer is one use for a user however many sessions they
// sign in with; and an order that expires unpaid gives its code's use back for the next shopper.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { whileHolding } from "../support/lock-waiter.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const APPLY = `mutation($code: String!) { applyDiscountCode(code: $code) { userErrors { code } } }`;
const CHECKOUT = `mutation($k: String!) { checkout(idempotencyKey: $k) { order { id total { amount } cost { discountTotal { amount } } } userErrors { code field } } }`;
const CREATE_PROMOTION = `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id } userErrors { code field message } } }`;

let stack: Stack;
let admin: string;
beforeAll(async () => {
  // Checkouts queue on a held lock below: the order waits for pricing longer than by default.
  stack = await startStack({ env: { SUBGRAPH_CALL_TIMEOUT_MS: "20000" } });
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

/** A code taking 10% off the order, with the given limits. */
async function orderCode(limits: { usageLimit?: number; perCustomerLimit?: number }) {
  const code = `L${randomUUID().slice(0, 8).toUpperCase()}`;
  const input = { title: `10% off with ${code}`, code, target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 }, ...limits };
  const created = (await stack.query(CREATE_PROMOTION, { input }, admin)).data.createPromotion;
  expect(created.userErrors).toEqual([]);
  return { code, promotionId: created.promotion.id as string };
}

async function fill(token: string, productId: string, code: string) {
  expect((await stack.query(ADD, { p: productId, q: 1 }, token)).data.addToCart.userErrors).toEqual([]);
  return (await stack.query(APPLY, { code }, token)).data.applyDiscountCode.userErrors as { code: string }[];
}

const usesOf = (promotionId: string) => stack.pricing.db.codeUse.findMany({ where: { promotionId } });

describe("a code limited to 5 uses", () => {
  it("goes to exactly 5 of 20 shoppers checking out at once; the other 15 are refused and keep nothing", async () => {
    const { code, promotionId } = await orderCode({ usageLimit: 5 });
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 100 });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => userToken({ sub: `user-${randomUUID()}` })));
    for (const token of tokens) expect(await fill(token, p, code)).toEqual([]);
    // Every cart is ready before the race starts: the race is only the checkouts.
    for (const token of tokens) await readyToCheckOut(stack, token);

    // The test holds the promotion's row: every checkout has reserved its stock and waits on the
    // row to count the code's uses; the lock is let go once several of them queue behind it (as
    // many as pricing's connection pool lets wait at once), so they meet inside the count.
    const answers = await whileHolding(
      stack.pricing.db,
      (tx) => tx.$queryRaw`SELECT 1 FROM "pricing"."promotion" WHERE "id" = ${promotionId} FOR UPDATE`,
      5,
      () => Promise.all(tokens.map((token, i) => stack.query(CHECKOUT, { k: `race-${i}` }, token))),
    );

    const outcomes = answers.map((answer) => answer.data.checkout);
    const placed = outcomes.filter((outcome) => outcome.order);
    const refused = outcomes.filter((outcome) => !outcome.order);
    expect(placed).toHaveLength(5);
    // 10.00 less 10% = 9.00, plus 7.25% of 9.00 = 0.6525 -> 0.65: 9.65.
    for (const { order } of placed) expect(order).toMatchObject({ total: { amount: "9.65" }, cost: { discountTotal: { amount: "1.00" } } });
    expect(refused).toHaveLength(15);
    for (const outcome of refused) expect(outcome.userErrors).toEqual([{ code: "DISCOUNT_CODE_USED_UP", field: ["code"] }]);
    // Nothing is held for the refused: five uses, and the stock of five units.
    expect((await usesOf(promotionId)).map((use) => use.status)).toEqual(Array(5).fill("RESERVED"));
    expect((await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } })).stockReserved).toBe(5);
  });
});

describe("a code limited to one use per customer", () => {
  it("is one use for a user across two sessions; another user may still use it", async () => {
    const { code } = await orderCode({ perCustomerLimit: 1 });
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 10 });
    const userId = `user-${randomUUID()}`;
    // Two sessions of one user: two tokens for the same subject, as a phone and a laptop hold.
    const [phone, laptop] = [await userToken({ sub: userId }), await userToken({ sub: userId })];
    expect(await fill(phone, p, code)).toEqual([]);
    await readyToCheckOut(stack, phone);
    const first = (await stack.query(CHECKOUT, { k: "phone" }, phone)).data.checkout;
    expect(first.order.cost.discountTotal.amount).toBe("1.00");

    // The next cart (on the other session) cannot take the code again: the user has had its use.
    expect(await fill(laptop, p, code)).toEqual([{ code: "DISCOUNT_CODE_USED_UP" }]);
    // Someone else can.
    expect(await fill(await userToken({ sub: `user-${randomUUID()}` }), p, code)).toEqual([]);
  });
});

describe("an order that expires unpaid", () => {
  it("gives its code's use back, and the next shopper can use the code", async () => {
    const { code, promotionId } = await orderCode({ usageLimit: 1 });
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 10 });
    const first = await userToken({ sub: `user-${randomUUID()}` });
    expect(await fill(first, p, code)).toEqual([]);
    await readyToCheckOut(stack, first);
    const placed = (await stack.query(CHECKOUT, { k: "expires" }, first)).data.checkout.order;
    const next = await userToken({ sub: `user-${randomUUID()}` });
    expect(await fill(next, p, code)).toEqual([{ code: "DISCOUNT_CODE_USED_UP" }]);

    // Its payment window is over (its creation moved a day back): expiry cancels it, and pricing
    // releases the use when OrderCancelled reaches it.
    await stack.order.db.order.update({ where: { id: placed.id }, data: { createdAt: new Date(Date.now() - 24 * 3600_000) } });
    await stack.order.housekeeping.runOnce();
    await eventually(async () => expect((await usesOf(promotionId)).map((use) => use.status)).toEqual(["RELEASED"]));

    expect((await stack.query(APPLY, { code }, next)).data.applyDiscountCode.userErrors).toEqual([]);
  });
});
