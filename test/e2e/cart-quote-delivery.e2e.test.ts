// The cart's quote with what is delivered besides the goods, through the front door: the services
// sold with them (each service line's subtotal, taxed where the country taxes services) and the
// selected shipping's price (taxed where the place taxes shipping), a free-shipping code over an
// amount judged on the goods after line discounts, and with the catalog or shipping out of the
// gateway's reach the cost null with one error naming it (never a total without what is missing)
// while the lines and service lines still answer. Every amount below is worked out by hand. The
// shop is in its default sales-tax mode (tax on top), California estimated before an address; the
// seed's rates: PL 23% (shipping and services taxed), NY 4% (shipping taxed, services not), CA
// 7.25% (neither). The seed's automatic "Free shipping over $75" is kept out of the way by goods
// under 75.00 wherever shipping is selected. Each test has its own shopper and products; the only
// promotions made here are a code and a line promotion on this file's own product.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { gatewayFactory } from "../support/gateway-http.js";
import { createPromotion, newCode } from "../support/priced-fixtures.js";
import { startProxy } from "../support/proxy.js";
import { startStack, type Stack } from "../support/stack.js";

const USD = (amount: string) => ({ amount, currencyCode: "USD" });
const COST = `cost {
  subtotal { amount currencyCode } servicesSubtotal { amount currencyCode } shipping { amount currencyCode }
  discounts { code title target amount { amount currencyCode } } discountTotal { amount currencyCode }
  tax { amount currencyCode } taxIncluded taxEstimated total { amount currencyCode }
}`;
const CART = `{ cart {
  lines { id productId quantity }
  serviceLines { id serviceId lineId quantity subtotal { amount currencyCode } }
  selectedShipping { price { amount currencyCode } }
  ${COST}
  discountCodes { code applicable }
} }`;
const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { cart { lines { id productId } } userErrors { code } } }`;
const UPDATE = `mutation($p: ID!, $q: Int!) { updateCartLine(productId: $p, quantity: $q) { userErrors { code } warnings { code } } }`;
const ADD_SERVICE = `mutation($s: ID!, $l: ID) { addService(serviceId: $s, lineId: $l) { userErrors { code message } } }`;
const SET_ADDRESS = `mutation($address: AddressInput!) { setShippingAddress(address: $address) { userErrors { code field } warnings { code } } }`;
const SELECT = `mutation($o: ID!) { selectShipping(optionId: $o) { userErrors { code field message } } }`;
const APPLY = `mutation($code: String!) { applyDiscountCode(code: $code) { userErrors { code field } } }`;

// The seed's services (prisma/catalog/services.rules.yaml): installation goes with appliances.
const INSTALLATION = "appliance-installation"; // 89.00 per unit of its line
const GIFT_WRAP = "gift-wrap"; // 6.50, standalone
// us-express (prisma/shipping/seed.ts): 19.99 up to 5 kg, no free threshold of its own.
const EXPRESS = "us-express";

const WARSAW = { fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "PL" };
const NEW_YORK = { fullName: "Ada Lovelace", line1: "350 Fifth Avenue", city: "New York", provinceCode: "NY", postalCode: "10118", countryCode: "US" };
const LOS_ANGELES = { fullName: "Ada Lovelace", line1: "200 N Spring St", city: "Los Angeles", provinceCode: "CA", postalCode: "90012", countryCode: "US" };

let stack: Stack;
let admin: string;
let appliances: string;

beforeAll(async () => {
  stack = await startStack();
  admin = await userToken({ roles: ["admin"] });
  appliances = (await stack.catalog.db.category.findUniqueOrThrow({ where: { slug: "appliances" } })).id;
}, 120_000);
afterAll(() => stack?.close());

async function run(token: string, mutation: string, variables: Record<string, unknown> = {}) {
  const result = await stack.query(mutation, variables, token);
  expect(result.errors).toBeUndefined();
  const payload = Object.values(result.data)[0] as { userErrors: unknown[]; warnings?: { code: string }[]; cart?: any };
  expect(payload.userErrors).toEqual([]);
  return payload;
}

async function cartOf(token: string) {
  const result = await stack.query(CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

/** A signed-in shopper whose cart holds `quantity` of a product of its own; returns the product and its line. */
async function shopper(quantity: number, product: { priceMinor: number; weightGrams: number; categoryId?: string }) {
  const token = await userToken({ sub: `user-${randomUUID()}` });
  const [productId] = await createProducts(stack.catalog.db, 1, product);
  const { cart } = await run(token, ADD, { p: productId, q: quantity });
  return { token, productId, lineId: cart.lines[0].id as string };
}

describe("services in the quote", () => {
  it("adds each service line's subtotal to servicesSubtotal and the total, taxed only where the country taxes services", async () => {
    // An appliance of its own at 100.00, two of them; installation on that line, gift wrap alone.
    const { token, lineId } = await shopper(2, { priceMinor: 10_000, weightGrams: 1_000, categoryId: appliances });
    await run(token, ADD_SERVICE, { s: INSTALLATION, l: lineId });
    await run(token, ADD_SERVICE, { s: GIFT_WRAP });

    // Installation follows its line's quantity: 89.00 x 2 = 178.00; gift wrap 6.50 x 1 = 6.50;
    // servicesSubtotal 184.50. Before an address, California's 7.25% is estimated, on the goods
    // alone (CA does not tax services): 200.00 x 0.0725 = 14.50. Total 200.00 + 184.50 + 14.50 = 399.00.
    const estimated = await cartOf(token);
    expect(estimated.serviceLines).toEqual([
      { id: expect.any(String), serviceId: INSTALLATION, lineId, quantity: 2, subtotal: USD("178.00") },
      { id: expect.any(String), serviceId: GIFT_WRAP, lineId: null, quantity: 1, subtotal: USD("6.50") },
    ]);
    expect(estimated.cost).toEqual({
      subtotal: USD("200.00"),
      servicesSubtotal: USD("184.50"),
      shipping: null,
      discounts: [],
      discountTotal: USD("0.00"),
      tax: USD("14.50"),
      taxIncluded: false,
      taxEstimated: true,
      total: USD("399.00"),
    });

    // Shipped to Poland, 23% on top, services included, each rounded half-even on its own: goods
    // 200.00 x 0.23 = 46.00; installation 178.00 x 0.23 = 40.94; gift wrap 6.50 x 0.23 = 1.495 ->
    // 1.50 (half to even). Tax 46.00 + 40.94 + 1.50 = 88.44; total 200.00 + 184.50 + 88.44 = 472.94.
    await run(token, SET_ADDRESS, { address: WARSAW });
    const poland = await cartOf(token);
    expect(poland.serviceLines.map((line: { subtotal: unknown }) => line.subtotal)).toEqual([USD("178.00"), USD("6.50")]);
    expect(poland.cost).toEqual({
      subtotal: USD("200.00"),
      servicesSubtotal: USD("184.50"),
      shipping: null,
      discounts: [],
      discountTotal: USD("0.00"),
      tax: USD("88.44"),
      taxIncluded: false,
      taxEstimated: false,
      total: USD("472.94"),
    });
  });
});

describe("the selected shipping in the quote", () => {
  it("is CartCost.shipping, in the total, and taxed where the place taxes shipping", async () => {
    // One product of its own at 30.00, 0.5 kg: under the seed's free shipping over $75.
    const { token } = await shopper(1, { priceMinor: 3_000, weightGrams: 500 });
    await run(token, SET_ADDRESS, { address: NEW_YORK });
    expect((await cartOf(token)).cost).toMatchObject({ shipping: null, total: USD("31.20") }); // 30.00 + 4% (1.20), nothing selected
    await run(token, SELECT, { o: EXPRESS });

    // New York, 4%, taxes shipping: goods 30.00 x 0.04 = 1.20; shipping 19.99 x 0.04 = 0.7996 ->
    // 0.80. Tax 2.00; total 30.00 + 19.99 + 2.00 = 51.99.
    const newYork = await cartOf(token);
    expect(newYork.selectedShipping).toEqual({ price: USD("19.99") });
    expect(newYork.cost).toEqual({
      subtotal: USD("30.00"),
      servicesSubtotal: USD("0.00"),
      shipping: newYork.selectedShipping.price,
      discounts: [],
      discountTotal: USD("0.00"),
      tax: USD("2.00"),
      taxIncluded: false,
      taxEstimated: false,
      total: USD("51.99"),
    });

    // California, 7.25%, does not tax shipping: 30.00 x 0.0725 = 2.175 -> 2.18 (half to even) on
    // the goods alone. Total 30.00 + 19.99 + 2.18 = 52.17. The selection still fits the new address.
    await run(token, SET_ADDRESS, { address: LOS_ANGELES });
    const california = await cartOf(token);
    expect(california.selectedShipping).toEqual({ price: USD("19.99") });
    expect(california.cost).toMatchObject({ shipping: USD("19.99"), tax: USD("2.18"), taxEstimated: false, total: USD("52.17") });
  });
});

describe("a free-shipping code over an amount", () => {
  it("takes the shipping price off as a SHIPPING discount once the goods after line discounts reach it, and nothing below", async () => {
    // A product of its own at 25.00 (0.5 kg) with 20% off it, automatic but for this product only;
    // free shipping by a code of its own from 45.00 of goods after line discounts.
    const { token, productId } = await shopper(3, { priceMinor: 2_500, weightGrams: 500 });
    const lineOff = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [productId] }, action: { kind: "PERCENTAGE", basisPoints: 2000 } });
    const code = newCode();
    const freeShipping = await createPromotion(stack, admin, { code, target: { kind: "SHIPPING" }, action: { kind: "FREE_SHIPPING" }, minSubtotal: "45.00" });
    await run(token, SET_ADDRESS, { address: NEW_YORK });
    await run(token, SELECT, { o: EXPRESS });
    await run(token, APPLY, { code });

    // Three: goods 75.00, 20% off = 15.00, 60.00 left (>= 45.00; under the seed's 75.00): shipping
    // 19.99 free. Discounts 15.00 + 19.99 = 34.99. NY 4%: goods 60.00 x 0.04 = 2.40, shipping after
    // its discount 0.00 untaxed. Total 75.00 + 19.99 - 34.99 + 2.40 = 62.40.
    const over = await cartOf(token);
    expect(over.cost).toEqual({
      subtotal: USD("75.00"),
      servicesSubtotal: USD("0.00"),
      shipping: USD("19.99"),
      discounts: [
        { code: null, title: lineOff.title, target: "LINE", amount: USD("15.00") },
        { code, title: freeShipping.title, target: "SHIPPING", amount: USD("19.99") },
      ],
      discountTotal: USD("34.99"),
      tax: USD("2.40"),
      taxIncluded: false,
      taxEstimated: false,
      total: USD("62.40"),
    });
    expect(over.discountCodes).toEqual([{ code, applicable: true }]);

    // Two: goods 50.00 (over 45.00 before its discount), 20% off = 10.00, 40.00 left: under 45.00,
    // so no free shipping, and the code stays entered, not applicable. NY 4%: goods 40.00 x 0.04 =
    // 1.60, shipping 19.99 x 0.04 = 0.7996 -> 0.80; tax 2.40. Total 50.00 + 19.99 - 10.00 + 2.40 = 62.39.
    const lowered = await run(token, UPDATE, { p: productId, q: 2 });
    expect(lowered.warnings).toEqual([{ code: "DISCOUNT_CODE_NOT_APPLICABLE_NOW" }]);
    const under = await cartOf(token);
    expect(under.selectedShipping).toEqual({ price: USD("19.99") });
    expect(under.cost).toEqual({
      subtotal: USD("50.00"),
      servicesSubtotal: USD("0.00"),
      shipping: USD("19.99"),
      discounts: [{ code: null, title: lineOff.title, target: "LINE", amount: USD("10.00") }],
      discountTotal: USD("10.00"),
      tax: USD("2.40"),
      taxIncluded: false,
      taxEstimated: false,
      total: USD("62.39"),
    });
    expect(under.discountCodes).toEqual([{ code, applicable: false }]);
  });
});

describe("with the catalog out of the gateway's reach", () => {
  const gateways = gatewayFactory(() => stack);
  afterAll(() => gateways.closeAll());

  it("answers the cost null with one error naming the catalog; the lines and service lines still answer", async () => {
    const catalogLink = await startProxy(() => stack.catalog.url);
    try {
      const gateway = await gateways.start({ CATALOG_URL: catalogLink.url });
      // Two appliances of its own at 30.00 (under the seed's free shipping over $75), 1 kg each.
      const { token, productId, lineId } = await shopper(2, { priceMinor: 3_000, weightGrams: 1_000, categoryId: appliances });
      await run(token, ADD_SERVICE, { s: INSTALLATION, l: lineId });
      await run(token, ADD_SERVICE, { s: GIFT_WRAP });
      await run(token, SELECT, { o: EXPRESS });
      const QUERY = `{ cart { lines { id productId quantity product { name } } serviceLines { serviceId lineId quantity service { title } subtotal { amount } } ${COST} } }`;
      const ask = () => fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) }).then((r) => r.json());

      const before = await ask();
      expect(before.errors).toBeUndefined();
      // Goods 60.00, services 89.00 x 2 + 6.50 = 184.50, shipping 19.99, and California's 7.25%
      // estimated on the goods alone: 60.00 x 0.0725 = 4.35. Total 60.00 + 184.50 + 19.99 + 4.35 = 268.84.
      expect(before.data.cart.cost).toMatchObject({ servicesSubtotal: USD("184.50"), shipping: USD("19.99"), tax: USD("4.35"), total: USD("268.84") });

      catalogLink.cut();
      const answer = await ask();
      expect(answer.data.cart).toEqual({
        lines: [{ id: lineId, productId, quantity: 2, product: null }],
        serviceLines: [
          { serviceId: INSTALLATION, lineId, quantity: 2, service: null, subtotal: null },
          { serviceId: GIFT_WRAP, lineId: null, quantity: 1, service: null, subtotal: null },
        ],
        cost: null,
      });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "catalog" });
    } finally {
      await catalogLink.close();
    }
  });
});

describe("with shipping out of the gateway's reach", () => {
  const gateways = gatewayFactory(() => stack);
  afterAll(() => gateways.closeAll());

  it("answers the cost null with one error naming shipping, never a total without the shipping; the lines and service lines still answer", async () => {
    const shippingLink = await startProxy(() => stack.shipping.url);
    try {
      const gateway = await gateways.start({ SHIPPING_URL: shippingLink.url });
      const { token, productId, lineId } = await shopper(1, { priceMinor: 3_000, weightGrams: 1_000, categoryId: appliances });
      await run(token, ADD_SERVICE, { s: INSTALLATION, l: lineId });
      await run(token, SELECT, { o: EXPRESS });
      const QUERY = `{ cart { lines { productId quantity } serviceLines { serviceId quantity subtotal { amount } } selectedShipping { price { amount } } cost { total { amount } } } }`;
      const ask = () => fetch(gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) }).then((r) => r.json());

      // 30.00 + 89.00 + 19.99, and California's 7.25% estimated on the goods alone: 2.175 -> 2.18. 141.17.
      expect((await ask()).data.cart).toMatchObject({ selectedShipping: { price: { amount: "19.99" } }, cost: { total: { amount: "141.17" } } });

      shippingLink.cut();
      const answer = await ask();
      expect(answer.data.cart).toEqual({
        lines: [{ productId, quantity: 1 }],
        serviceLines: [{ serviceId: INSTALLATION, quantity: 1, subtotal: { amount: "89.00" } }],
        selectedShipping: null,
        cost: null,
      });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors[0].extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "shipping" });
    } finally {
      await shippingLink.close();
    }
  });
});
