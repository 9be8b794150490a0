// Checkout and discount codes: the uses of the codes a quote applied are reserved in pricing under
// the checkout's id (the stock's reservation id), a code used up since the shopper entered it
// refuses the checkout with nothing kept, and whatever fails after reserving gives back the stock
// and the code uses, at once or by housekeeping. The last two run the order's CheckoutService on
// the stack's cart, catalog, pricing and order database, with an order database that fails or a
// clock the test moves.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "@trolley/http";
import type { Caller } from "@trolley/identity";
import { Outbox } from "@trolley/outbox";
import { eventually, userToken } from "@trolley/testing";
import { CheckoutHolds } from "../../subgraphs/order/src/checkout/checkout-holds.js";
import { CheckoutService } from "../../subgraphs/order/src/checkout/checkout.service.js";
import { CheckoutStore } from "../../subgraphs/order/src/checkout/checkout.store.js";
import { httpCartClient } from "../../subgraphs/order/src/clients/cart.client.js";
import { httpCatalogClient } from "../../subgraphs/order/src/clients/catalog.client.js";
import { httpPricingClient } from "../../subgraphs/order/src/clients/pricing.client.js";
import { httpShippingClient } from "../../subgraphs/order/src/clients/shipping.client.js";
import type { Tx } from "../../subgraphs/order/src/db.js";
import { createProducts } from "../support/catalog-products.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";
import { TestClock } from "../support/test-clock.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const APPLY = `mutation($code: String!) { applyDiscountCode(code: $code) { userErrors { code } } }`;
const COST = `{ cart { cost { total { amount } } } }`;
const CHECKOUT = `mutation($k: String!, $t: String) { checkout(idempotencyKey: $k, expectedTotal: $t) {
  order { id total { amount } cost { discounts { code title target amount { amount } } discountTotal { amount } tax { amount } } } userErrors { code field } } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { order { status } userErrors { code } } }`;
const CREATE_PROMOTION = `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id } userErrors { code field message } } }`;
const calls = { timeoutMs: 5000, internalSecret: "dev-internal-secret-change-me" };
const MINUTE = 60_000;

let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack();
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

const pricing = () => httpPricingClient({ ...calls, url: stack.pricing.url });
const catalog = () => httpCatalogClient({ ...calls, url: stack.catalog.url });
const shipping = () => httpShippingClient({ ...calls, url: stack.shipping.url });

/** A code taking 10% off the order, with at most `usageLimit` uses. */
async function orderCode(usageLimit: number) {
  const code = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const input = { title: `10% off with ${code}`, code, target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 }, usageLimit };
  const created = (await stack.query(CREATE_PROMOTION, { input }, admin)).data.createPromotion;
  expect(created.userErrors).toEqual([]);
  return { code, promotionId: created.promotion.id as string };
}

/** A signed-in shopper whose cart holds the lines and the codes, ready to check out (collect in store). */
async function shopper(lines: [string, number][], codes: string[]) {
  const userId = `user-${randomUUID()}`;
  const token = await userToken({ sub: userId });
  for (const [p, q] of lines) expect((await stack.query(ADD, { p, q }, token)).data.addToCart.userErrors).toEqual([]);
  for (const code of codes) expect((await stack.query(APPLY, { code }, token)).data.applyDiscountCode.userErrors).toEqual([]);
  await readyToCheckOut(stack, token);
  const caller: Caller = { kind: "user", subject: userId, roles: ["customer"] };
  return { userId, token, caller };
}

function checkoutService(options: { store?: CheckoutStore; clock?: TestClock } = {}) {
  const holds = new CheckoutHolds(catalog(), pricing(), shipping());
  const carts = httpCartClient({ ...calls, url: stack.cart.url });
  return new CheckoutService(options.store ?? new CheckoutStore(stack.order.db), carts, holds, new Outbox({ schema: "orders" }), options.clock ?? systemClock);
}

const reservedUnits = async (productId: string) => (await stack.catalog.db.product.findUniqueOrThrow({ where: { id: productId } })).stockReserved;
const usesOf = (promotionId: string) => stack.pricing.db.codeUse.findMany({ where: { promotionId }, orderBy: { createdAt: "asc" } });

describe("a checkout with a code", () => {
  it("reserves one use of the code under the checkout's id; OrderCreated names its promotion, and a cancel gives the use back", async () => {
    const { code, promotionId } = await orderCode(5);
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const { userId, token } = await shopper([[p, 2]], [code]);
    // 2 x 10.00 = 20.00; 10% off the order = 2.00; tax on the net (18.00 x 7.25% = 1.305 -> 1.30,
    // half to even); 20.00 - 2.00 + 1.30 = 19.30.
    expect((await stack.query(COST, {}, token)).data.cart.cost.total.amount).toBe("19.30");

    const { order, userErrors } = (await stack.query(CHECKOUT, { k: "with-code", t: "19.30" }, token)).data.checkout;
    expect(userErrors).toEqual([]);
    expect(order).toMatchObject({
      total: { amount: "19.30" },
      cost: { discounts: [{ code, title: `10% off with ${code}`, target: "ORDER", amount: { amount: "2.00" } }], discountTotal: { amount: "2.00" }, tax: { amount: "1.30" } },
    });
    const { reservationId } = await stack.order.db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(await usesOf(promotionId)).toEqual([expect.objectContaining({ reservationId, status: "RESERVED", customerKey: `user:${userId}` })]);
    const created = await stack.order.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: order.id, type: "OrderCreated" } });
    expect(created.data).toMatchObject({ reservationId, totalMinor: 1930, promotions: [{ promotionId, code, amountMinor: 200 }] });

    expect((await stack.query(CANCEL, { id: order.id }, token)).data.cancelOrder).toEqual({ order: { status: "CANCELLED" }, userErrors: [] });
    await eventually(async () => expect((await usesOf(promotionId)).map((use) => use.status)).toEqual(["RELEASED"]));
  });

  it("used up since the shopper entered it, refuses the checkout with DISCOUNT_CODE_USED_UP and keeps nothing", async () => {
    const { code, promotionId } = await orderCode(1);
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const { userId, token } = await shopper([[p, 2]], [code]);
    // Meanwhile another checkout takes the code's only use.
    expect(await pricing().reserveCodes(randomUUID(), [code], { userId: "someone-else", email: null })).toEqual({ ok: true });

    const refused = (await stack.query(CHECKOUT, { k: "used-up", t: "19.30" }, token)).data.checkout;
    expect(refused).toEqual({ order: null, userErrors: [{ code: "DISCOUNT_CODE_USED_UP", field: ["code"] }] });
    expect(await reservedUnits(p)).toBe(0);
    expect(await stack.order.db.order.count({ where: { userId } })).toBe(0);
    expect(await stack.order.db.checkoutRequest.count({ where: { userId } })).toBe(0);
    expect((await usesOf(promotionId)).map((use) => use.status)).toEqual(["RESERVED"]);
  });

  it("failing after its code was reserved, gives back the stock and the code use and frees the key", async () => {
    const { code, promotionId } = await orderCode(5);
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const { userId, caller } = await shopper([[p, 2]], [code]);
    // The order database fails when the order would be written, after every reservation.
    class FailingStore extends CheckoutStore {
      override transaction<T>(_work: (tx: Tx) => Promise<T>): Promise<T> {
        return Promise.reject(new Error("the order database went away"));
      }
    }

    await expect(checkoutService({ store: new FailingStore(stack.order.db) }).checkout(caller, { idempotencyKey: "fails" })).rejects.toThrow("went away");
    expect(await reservedUnits(p)).toBe(0);
    expect((await usesOf(promotionId)).map((use) => use.status)).toEqual(["RELEASED"]);
    expect(await stack.order.db.checkoutRequest.count({ where: { userId } })).toBe(0);
  });

  it("that died after reserving has its stock and code use released by housekeeping", async () => {
    const clock = new TestClock();
    const { code, promotionId } = await orderCode(5);
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 5 });
    // What a process leaves behind if it dies after reserving both: a claimed key, and stock and a
    // code use under its id.
    const claim = await stack.order.db.checkoutRequest.create({
      data: { id: randomUUID(), userId: `user-${randomUUID()}`, idempotencyKey: "k", requestHash: "h", createdAt: clock.now() },
    });
    expect(await catalog().reserve(claim.id, [{ productId: p, quantity: 3 }])).toMatchObject({ ok: true });
    expect(await pricing().reserveCodes(claim.id, [code], { userId: claim.userId, email: null })).toEqual({ ok: true });

    const service = checkoutService({ clock });
    clock.advance(MINUTE);
    // A minute old: it may still be running, so it is left alone.
    await service.releaseAbandonedCheckouts(2 * MINUTE);
    expect(await reservedUnits(p)).toBe(3);
    expect(await stack.order.db.checkoutRequest.count({ where: { id: claim.id } })).toBe(1);
    clock.advance(2 * MINUTE);
    expect(await service.releaseAbandonedCheckouts(2 * MINUTE)).toBeGreaterThanOrEqual(1);
    expect(await reservedUnits(p)).toBe(0);
    expect((await usesOf(promotionId)).map((use) => [use.reservationId, use.status])).toEqual([[claim.id, "RELEASED"]]);
    expect(await stack.order.db.checkoutRequest.count({ where: { id: claim.id } })).toBe(0);
  });
});
