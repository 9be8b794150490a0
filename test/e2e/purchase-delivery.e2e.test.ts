// A full purchase with delivery and services, through the front door: a washing machine with its
// installation and a gift wrap, shipped by freight with carry-in to New York on a day the shopper
// picks, free shipping over $75 (the seeded automatic promotion), checked out at the total the
// shopper saw, paid by card, and the order keeping what was bought, where it goes and how.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { startStack, type Stack } from "../support/stack.js";

const MONEY = "{ amount currencyCode }";
const CART = `{ cart {
  lines { id quantity product { name services { id } } }
  serviceLines { id serviceId lineId quantity service { title } subtotal ${MONEY} }
  shippingAddress { city provinceCode countryCode }
  shippingOptions { id title price ${MONEY} deliveryDates addOns { id title price ${MONEY} } }
  selectedShipping { option { id } deliveryDate addOns { id } price ${MONEY} }
  cost { subtotal ${MONEY} servicesSubtotal ${MONEY} shipping ${MONEY} discounts { title target amount ${MONEY} } discountTotal ${MONEY} tax ${MONEY} taxEstimated total ${MONEY} }
} }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { cart { lines { id } } userErrors { code } } }`;
const ADD_SERVICE = `mutation($s: ID!, $l: ID) { addService(serviceId: $s, lineId: $l) { userErrors { code message } } }`;
const ADDRESS = `mutation($a: AddressInput!) { setShippingAddress(address: $a) { userErrors { code field } warnings { code } } }`;
const SELECT = `mutation($o: ID!, $d: Date, $a: [ID!]) { selectShipping(optionId: $o, deliveryDate: $d, addOnIds: $a) { userErrors { code message } } }`;
const EMAIL = `mutation($e: String!) { setCartEmail(email: $e) { userErrors { code } } }`;
const CHECKOUT = `mutation($k: String!, $t: String) { checkout(idempotencyKey: $k, expectedTotal: $t) {
  order { id status total ${MONEY} email
    shippingAddress { fullName line1 city provinceCode postalCode countryCode }
    shipping { title price ${MONEY} deliveryDate addOns { title price ${MONEY} } }
    lines { id productName quantity subtotal ${MONEY} tax ${MONEY} total ${MONEY} }
    serviceLines { title lineId quantity unitPrice ${MONEY} subtotal ${MONEY} }
    cost { subtotal ${MONEY} servicesSubtotal ${MONEY} shipping ${MONEY} discountTotal ${MONEY} tax ${MONEY} total ${MONEY} } }
  userErrors { code field message } } }`;
const PAY = `mutation($o: ID!, $k: String!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: $k) { payment { status amount ${MONEY} } userErrors { code } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { status } }`;

const usd = (amount: string) => ({ amount, currencyCode: "USD" });
const NEW_YORK = { fullName: "Ada Lovelace", line1: "350 Fifth Avenue", city: "New York", provinceCode: "NY", postalCode: "10118", countryCode: "US", phone: "+1 212 736 3100" };

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

async function ok(query: string, variables: Record<string, unknown>, token: string, field: string) {
  const result = await stack.query(query, variables, token);
  expect(result.errors).toBeUndefined();
  expect(result.data[field].userErrors).toEqual([]);
  return result.data[field];
}

describe("a purchase with delivery and services", () => {
  it("ships a washing machine with its installation by freight, free over $75, at the total the shopper saw", async () => {
    const appliances = await stack.catalog.db.category.findUniqueOrThrow({ where: { slug: "appliances" } });
    const [washer] = await createProducts(stack.catalog.db, 1, { priceMinor: 64_900, weightGrams: 40_000, categoryId: appliances.id, stock: 5 });
    const token = await userToken({ sub: `user-${randomUUID()}` });

    const added = await ok(ADD, { p: washer, q: 1 }, token, "addToCart");
    const lineId = added.cart.lines[0].id;
    await ok(ADD_SERVICE, { s: "appliance-installation", l: lineId }, token, "addService");
    await ok(ADD_SERVICE, { s: "gift-wrap", l: null }, token, "addService");
    await ok(ADDRESS, { a: NEW_YORK }, token, "setShippingAddress");
    await ok(EMAIL, { e: "ada@example.com" }, token, "setCartEmail");

    // 40 kg: too heavy for standard (30 kg) and express (20 kg); freight 79.00 (goods under
    // 1,500.00, under 100 kg) with carry-in 49.00 (from 25 kg); collecting in store is free.
    const offered = (await stack.query(CART, {}, token)).data.cart;
    expect(offered.lines[0].product.services.map((s: { id: string }) => s.id)).toContain("appliance-installation");
    expect(offered.shippingOptions.map((o: any) => [o.id, o.price.amount])).toEqual([["us-freight", "79.00"], ["us-pickup", "0.00"]]);
    const freight = offered.shippingOptions[0];
    expect(freight.addOns).toEqual([{ id: "us-freight-carry-in", title: "Carry-in and unpacking", price: usd("49.00") }]);
    const day = freight.deliveryDates[0];
    await ok(SELECT, { o: "us-freight", d: day, a: ["us-freight-carry-in"] }, token, "selectShipping");

    // The quote, by hand:
    //   goods 649.00; services: installation 89.00 x 1, gift wrap 6.50: 95.50
    //   shipping 79.00 + 49.00 = 128.00, all of it taken off by "Free shipping over $75" (SHIPPING)
    //   tax in New York, 4% (shipping taxed, services not): goods 649.00 x 4% = 25.96, shipping
    //   after its discount 0.00 -> 0; services 0
    //   total 649.00 + 95.50 + 128.00 - 128.00 + 25.96 = 770.46
    const seen = (await stack.query(CART, {}, token)).data.cart;
    expect(seen.selectedShipping).toEqual({ option: { id: "us-freight" }, deliveryDate: day, addOns: [{ id: "us-freight-carry-in" }], price: usd("128.00") });
    expect(seen.serviceLines.map((s: any) => [s.serviceId, s.lineId, s.quantity, s.subtotal.amount])).toEqual([
      ["appliance-installation", lineId, 1, "89.00"],
      ["gift-wrap", null, 1, "6.50"],
    ]);
    expect(seen.cost).toEqual({
      subtotal: usd("649.00"),
      servicesSubtotal: usd("95.50"),
      shipping: usd("128.00"),
      discounts: [{ title: "Free shipping over $75", target: "SHIPPING", amount: usd("128.00") }],
      discountTotal: usd("128.00"),
      tax: usd("25.96"),
      taxEstimated: false,
      total: usd("770.46"),
    });

    const { order } = await ok(CHECKOUT, { k: "delivery-1", t: seen.cost.total.amount }, token, "checkout");
    expect(order).toMatchObject({
      status: "PENDING_PAYMENT",
      total: usd("770.46"),
      email: "ada@example.com",
      shippingAddress: { fullName: "Ada Lovelace", line1: "350 Fifth Avenue", city: "New York", provinceCode: "NY", postalCode: "10118", countryCode: "US" },
      shipping: { title: "Freight delivery (large items)", price: usd("79.00"), deliveryDate: day, addOns: [{ title: "Carry-in and unpacking", price: usd("49.00") }] },
      cost: { subtotal: usd("649.00"), servicesSubtotal: usd("95.50"), shipping: usd("128.00"), discountTotal: usd("128.00"), tax: usd("25.96"), total: usd("770.46") },
    });
    expect(order.lines).toEqual([expect.objectContaining({ quantity: 1, subtotal: usd("649.00"), tax: usd("25.96"), total: usd("674.96") })]);
    expect(order.serviceLines).toEqual([
      { title: "Appliance installation", lineId: order.lines[0].id, quantity: 1, unitPrice: usd("89.00"), subtotal: usd("89.00") },
      { title: "Gift wrap", lineId: null, quantity: 1, unitPrice: usd("6.50"), subtotal: usd("6.50") },
    ]);

    // The card is charged the order's total, never anything else.
    const paid = await ok(PAY, { o: order.id, k: "pay-delivery-1" }, token, "payOrder");
    expect(paid.payment).toEqual({ status: "SUCCEEDED", amount: usd("770.46") });
    await eventually(async () => expect((await stack.query(ORDER, { id: order.id }, token)).data.order.status).toBe("PAID"));
  });

  it("refuses a selection that no longer fits at checkout, reserving nothing", async () => {
    const [light] = await createProducts(stack.catalog.db, 1, { priceMinor: 1999, weightGrams: 500, stock: 5 });
    const token = await userToken({ sub: `user-${randomUUID()}` });
    await ok(ADD, { p: light, q: 1 }, token, "addToCart");
    await ok(SELECT, { o: "us-standard" }, token, "selectShipping");
    // The product becomes too heavy for standard delivery (30 kg) after the shopper chose it.
    await stack.catalog.db.product.update({ where: { id: light }, data: { weightGrams: 31_000 } });
    const refused = (await stack.query(CHECKOUT, { k: "too-heavy" }, token)).data.checkout;
    expect(refused.order).toBeNull();
    expect(refused.userErrors.map((e: { code: string }) => e.code)).toEqual(["SHIPPING_OPTION_UNAVAILABLE"]);
    const row = await stack.catalog.db.product.findUniqueOrThrow({ where: { id: light } });
    expect(row.stockReserved).toBe(0);
  });
});
