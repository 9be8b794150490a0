// The whole purchase through the front door: a guest shops, signs in and merges the cart, checks
// out, a declined card, a good card, the order is paid, and an admin fulfills it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const PAY = `mutation($o: ID!, $t: String!, $k: String!) {
  payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) {
    payment { id status amount { amount currencyCode } provider failureCode order { id } }
    userErrors { code field message } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { id status total { amount } payments { status failureCode amount { amount } } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("a purchase", () => {
  it("goes from a guest's cart to a fulfilled order", async () => {
    const [mug, kettle] = await createProducts(stack.catalog.db, 2, { priceMinor: 1250, stock: 20 });

    // A guest fills a cart, then signs in and brings it along.
    const guest = (await stack.query(`mutation { startGuestSession { token } }`)).data.startGuestSession.token;
    await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { p: mug }, guest);
    const userId = `user-${crypto.randomUUID()}`;
    const user = await userToken({ sub: userId });
    await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { userErrors { code } } }`, { p: kettle }, user);
    const merged = await stack.query(`mutation($t: String!) { mergeGuestCart(guestToken: $t) { cart { totalQuantity cost { subtotal { amount } } } userErrors { code } } }`, { t: guest }, user);
    expect(merged.data.mergeGuestCart).toEqual({ cart: { totalQuantity: 3, cost: { subtotal: { amount: "37.50" } } }, userErrors: [] });

    // Checkout, collecting in store.
    await readyToCheckOut(stack, user);
    const placed = await stack.query(`mutation { checkout(idempotencyKey: "purchase-1") { order { id status total { amount } } userErrors { code } } }`, {}, user);
    const order = placed.data.checkout.order;
    // Goods 37.50, plus California's estimated sales tax (7.25%) per line, rounded half-even:
    // mugs 25.00 x 0.0725 = 1.8125 -> 1.81, kettle 12.50 x 0.0725 = 0.90625 -> 0.91; 37.50 + 2.72 = 40.22.
    expect(order).toMatchObject({ status: "PENDING_PAYMENT", total: { amount: "40.22" } });

    // A declined card: the order stays payable.
    const declined = (await stack.query(PAY, { o: order.id, t: "tok_chargeDeclined", k: "pay-1" }, user)).data.payOrder;
    expect(declined.userErrors.map((e: any) => e.code)).toEqual(["CARD_DECLINED"]);
    expect(declined.payment).toMatchObject({ status: "FAILED", failureCode: "CARD_DECLINED", amount: { amount: "40.22" } });
    expect((await stack.query(ORDER, { id: order.id }, user)).data.order.status).toBe("PENDING_PAYMENT");

    // A good card: the payment succeeds, and the order becomes PAID when its event arrives.
    const paid = (await stack.query(PAY, { o: order.id, t: "tok_visa", k: "pay-2" }, user)).data.payOrder;
    expect(paid.userErrors).toEqual([]);
    expect(paid.payment).toMatchObject({ status: "SUCCEEDED", amount: { amount: "40.22", currencyCode: "USD" }, provider: "test", order: { id: order.id } });
    await eventually(async () => expect((await stack.query(ORDER, { id: order.id }, user)).data.order.status).toBe("PAID"));
    const view = (await stack.query(ORDER, { id: order.id }, user)).data.order;
    expect(view.payments.map((p: any) => [p.status, p.failureCode])).toEqual([["FAILED", "CARD_DECLINED"], ["SUCCEEDED", null]]);

    // Paying again is refused; the stock leaves the shop for good.
    const twice = (await stack.query(PAY, { o: order.id, t: "tok_visa", k: "pay-3" }, user)).data.payOrder;
    expect(twice.userErrors.map((e: any) => e.code)).toEqual(["ORDER_NOT_PAYABLE"]);
    await eventually(async () => {
      const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: mug } });
      expect(row).toMatchObject({ stockOnHand: 18, stockReserved: 0 });
    });

    // Only an admin fulfills it.
    const FULFILL = `mutation($id: ID!) { fulfillOrder(id: $id) { order { status } userErrors { code } } }`;
    expect((await stack.query(FULFILL, { id: order.id }, user)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const fulfilled = await stack.query(FULFILL, { id: order.id }, await userToken({ roles: ["admin"] }));
    expect(fulfilled.data.fulfillOrder).toEqual({ order: { status: "FULFILLED" }, userErrors: [] });
    const events = await stack.order.db.outboxEvent.findMany({ where: { aggregateId: order.id }, orderBy: { position: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["OrderCreated", "OrderPaid", "OrderFulfilled"]);
  });

  it("lets nobody but the owner pay an order", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { stock: 5 });
    const owner = await userToken();
    await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { userErrors { code } } }`, { p }, owner);
    await readyToCheckOut(stack, owner);
    const order = (await stack.query(`mutation { checkout(idempotencyKey: "x") { order { id } } }`, {}, owner)).data.checkout.order;
    const stranger = (await stack.query(PAY, { o: order.id, t: "tok_visa", k: "k" }, await userToken())).data.payOrder;
    expect(stranger.userErrors.map((e: any) => e.code)).toEqual(["ORDER_NOT_FOUND"]);
    expect((await stack.query(PAY, { o: order.id, t: "tok_visa", k: "k" })).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
