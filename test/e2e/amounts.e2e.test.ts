// Amounts at their limits: the largest price the catalog takes, an order of the largest size
// charged in full, a price beyond the limit refused as a user error, and one currency per order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const SET_PRICE = `mutation($p: ID!, $a: String!) { setProductPrice(productId: $p, amount: $a) { product { price { amount } } userErrors { code field message } } }`;
const PAY = `mutation($o: ID!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: "pay") { payment { status amount { amount } } userErrors { code } } }`;

let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack();
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

describe("prices", () => {
  it("go up to 999999.99; beyond that they are refused with a code and nothing changes", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000 });
    expect((await stack.query(SET_PRICE, { p, a: "999999.99" }, admin)).data.setProductPrice).toMatchObject({ product: { price: { amount: "999999.99" } }, userErrors: [] });
    for (const amount of ["1000000.00", "21474836.48", "999999999999"]) {
      const refused = (await stack.query(SET_PRICE, { p, a: amount }, admin)).data.setProductPrice;
      expect(refused.userErrors).toMatchObject([{ code: "INVALID_ARGUMENT", field: ["amount"] }]);
      expect(refused.userErrors[0].message).toContain("999999.99");
    }
    expect((await stack.catalog.db.product.findUniqueOrThrow({ where: { id: p } })).priceMinor).toBe(99_999_999);
  });
});

describe("the largest order", () => {
  it("is placed and charged to the cent, far beyond 32-bit minor units", async () => {
    const products = await createProducts(stack.catalog.db, 3, { priceMinor: 99_999_999, stock: 999 });
    const token = await userToken();
    for (const p of products) expect((await stack.query(ADD, { p, q: 999 }, token)).data.addToCart.userErrors).toEqual([]);
    // 3 lines x 999 units x 999,999.99 = 2,996,999,970.03; with California's 7.25% per line
    // (998,999,990.01 x 7.25% = 72,427,499.275725 -> 72,427,499.28) the cart shows 3,214,282,467.87.
    const cost = (await stack.query(`{ cart { cost { subtotal { amount } tax { amount } total { amount } } } }`, {}, token)).data.cart.cost;
    expect(cost).toEqual({ subtotal: { amount: "2996999970.03" }, tax: { amount: "217282497.84" }, total: { amount: "3214282467.87" } });

    await readyToCheckOut(stack, token);
    const placed = (await stack.query(`mutation { checkout(idempotencyKey: "big") { order { id total { amount } lines { subtotal { amount } } } userErrors { code } } }`, {}, token)).data.checkout;
    expect(placed.userErrors).toEqual([]);
    // The order is what the cart showed, tax included: 2,996,999,970.03 + 3 x 72,427,499.28 = 3,214,282,467.87.
    expect(placed.order.total.amount).toBe("3214282467.87");
    expect(placed.order.lines.map((line: { subtotal: { amount: string } }) => line.subtotal.amount)).toEqual(["998999990.01", "998999990.01", "998999990.01"]);

    const paid = (await stack.query(PAY, { o: placed.order.id }, token)).data.payOrder;
    expect(paid).toEqual({ payment: { status: "SUCCEEDED", amount: { amount: "3214282467.87" } }, userErrors: [] });
    await eventually(async () => {
      expect((await stack.query(`query($id: ID!) { order(id: $id) { status } }`, { id: placed.order.id }, token)).data.order.status).toBe("PAID");
    });
  });
});

describe("one currency per order", () => {
  it("refuses a cart whose products are priced in two currencies, and reserves nothing", async () => {
    const [usd] = await createProducts(stack.catalog.db, 1, { stock: 10 });
    const [eur] = await createProducts(stack.catalog.db, 1, { stock: 10, currencyCode: "EUR" });
    const sub = `user-${crypto.randomUUID()}`;
    const token = await userToken({ sub });
    await stack.query(ADD, { p: usd, q: 1 }, token);
    await stack.query(ADD, { p: eur, q: 1 }, token);
    await readyToCheckOut(stack, token);
    const refused = (await stack.query(`mutation { checkout(idempotencyKey: "mixed") { order { id } userErrors { code } } }`, {}, token)).data.checkout;
    expect(refused).toEqual({ order: null, userErrors: [{ code: "CURRENCY_MISMATCH" }] });
    const reserved = await stack.catalog.db.product.findMany({ where: { id: { in: [usd, eur] } }, select: { stockReserved: true } });
    expect(reserved).toEqual([{ stockReserved: 0 }, { stockReserved: 0 }]);
    expect(await stack.order.db.order.count({ where: { userId: sub } })).toBe(0);
  });
});
