// Checkout snapshots the cart's quote through the gateway: the order costs what the cart showed
// (promotions, tax per line, totals), expectedTotal guards against a quote that changed since the
// shopper read it, later changes to promotions and tax rates leave placed orders alone, and payOrder
// charges the order's cost.total. Every test makes its own products and promotions that name only
// them; the one tax rate changed (the shop's default place) is put back as soon as it was shown.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_HEADER, signIdentity, type Caller } from "@trolley/identity";
import { graphql, userToken } from "@trolley/testing";
import { startOrder } from "../../subgraphs/order/src/app.js";
import { readOrderConfig } from "../../subgraphs/order/src/config.js";
import { createProducts } from "../support/catalog-products.js";
import { freePorts } from "../support/service-process.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const MONEY = "{ amount currencyCode }";
const DISCOUNT = `{ code title target amount ${MONEY} }`;
const LINE_COST = `subtotal ${MONEY} discountTotal ${MONEY} tax ${MONEY} total ${MONEY}`;
const CART = `{ cart { id lines { productId quantity cost { ${LINE_COST} } } cost {
  subtotal ${MONEY} servicesSubtotal ${MONEY} shipping ${MONEY} discounts ${DISCOUNT} discountTotal ${MONEY} tax ${MONEY} taxIncluded taxEstimated total ${MONEY} } } }`;
const ORDER_FIELDS = `id status total ${MONEY}
  cost { subtotal ${MONEY} servicesSubtotal ${MONEY} shipping ${MONEY} discounts ${DISCOUNT} discountTotal ${MONEY} tax ${MONEY} taxIncluded total ${MONEY} }
  lines { id product { id } productName quantity unitPrice ${MONEY} ${LINE_COST} }`;
const CHECKOUT = `mutation($k: String!, $t: String) { checkout(idempotencyKey: $k, expectedTotal: $t) { order { ${ORDER_FIELDS} } userErrors { code field message } } }`;
const ORDER = `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;
const STOCK = `query($id: ID!) { product(id: $id) { availableQuantity } }`;
const CREATE_PROMOTION = `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id } userErrors { code field message } } }`;
const UPDATE_PROMOTION = `mutation($id: ID!, $input: PromotionInput!) { updatePromotion(id: $id, input: $input) { promotion { version } userErrors { code } } }`;
const SET_ACTIVE = `mutation($id: ID!, $active: Boolean!) { setPromotionActive(id: $id, active: $active) { promotion { active } userErrors { code } } }`;
const SET_TAX_RATE = `mutation($input: TaxRateInput!) { setTaxRate(input: $input) { taxRate { standardPpm } userErrors { code } } }`;
const SET_PRICE = `mutation($p: ID!, $a: String!) { setProductPrice(productId: $p, amount: $a) { userErrors { code } } }`;
const PAY = `mutation($o: ID!, $k: String!) { payOrder(orderId: $o, paymentMethodToken: "tok_visa", idempotencyKey: $k) { payment { id status amount ${MONEY} } userErrors { code } } }`;

/** The shop's default place as the demo seed sets it (prisma/pricing/seed.ts). */
const CALIFORNIA = { countryCode: "US", provinceCode: "CA", standardPpm: 72_500, reducedPpm: 72_500, zeroPpm: 0, taxesShipping: false, taxesServices: false };
const INTERNAL_SECRET = "dev-internal-secret-change-me";

let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack();
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

const usd = (amount: string) => ({ amount, currencyCode: "USD" });
const available = async (productId: string) => (await stack.query(STOCK, { id: productId })).data.product.availableQuantity as number;
const checkout = async (token: string, k: string, t?: string) => (await stack.query(CHECKOUT, { k, t }, token)).data.checkout;
const ordersOf = (userId: string) => stack.order.db.order.count({ where: { userId } });
const claimsOf = (userId: string) => stack.order.db.checkoutRequest.count({ where: { userId } });

async function shopper(lines: [string, number][]) {
  const userId = `user-${randomUUID()}`;
  const token = await userToken({ sub: userId });
  for (const [p, q] of lines) expect((await stack.query(ADD, { p, q }, token)).data.addToCart.userErrors).toEqual([]);
  await readyToCheckOut(stack, token);
  return { userId, token };
}

async function cartOf(token: string) {
  const result = await stack.query(CART, {}, token);
  expect(result.errors).toBeUndefined();
  return result.data.cart;
}

const tenPercentOff = (productIds: string[], title: string) => ({ title, target: { kind: "PRODUCTS", productIds }, action: { kind: "PERCENTAGE", basisPoints: 1000 } });

async function createPromotion(input: object): Promise<string> {
  const created = (await stack.query(CREATE_PROMOTION, { input }, admin)).data.createPromotion;
  expect(created.userErrors).toEqual([]);
  return created.promotion.id;
}

describe("checkout with a promotion and tax", () => {
  let mug: string;
  let book: string;
  let promotionId: string;
  let title: string;
  let placed: any;
  let seen: any;
  let buyer: { userId: string; token: string };

  it("places an order that costs what the cart showed just before, line by line", async () => {
    [mug, book] = await createProducts(stack.catalog.db, 2, { priceMinor: 1999, stock: 10 });
    await stack.catalog.db.product.update({ where: { id: book }, data: { priceMinor: 1250 } });
    title = `10% off test mugs ${randomUUID().slice(0, 8)}`;
    promotionId = await createPromotion(tenPercentOff([mug], title));
    buyer = await shopper([[mug, 3], [book, 1]]);

    // Worked by hand, California's 7.25% per line after its discounts, rounded half-even:
    //   mug:  3 x 19.99 = 59.97; 10% = 5.997 -> 6.00 off; (59.97 - 6.00) x 7.25% = 3.912825 -> 3.91; 53.97 + 3.91 = 57.88
    //   book: 1 x 12.50 = 12.50; nothing off;             12.50 x 7.25% = 0.90625 -> 0.91;            12.50 + 0.91 = 13.41
    //   cart: 72.47 - 6.00 + 4.82 = 71.29 (= 57.88 + 13.41)
    const discount = { code: null, title, target: "LINE", amount: usd("6.00") };
    const mugCost = { subtotal: usd("59.97"), discountTotal: usd("6.00"), tax: usd("3.91"), total: usd("57.88") };
    const bookCost = { subtotal: usd("12.50"), discountTotal: usd("0.00"), tax: usd("0.91"), total: usd("13.41") };
    const cost = { subtotal: usd("72.47"), servicesSubtotal: usd("0.00"), discounts: [discount], discountTotal: usd("6.00"), tax: usd("4.82"), taxIncluded: false, total: usd("71.29") };
    seen = await cartOf(buyer.token);
    // Collect in store is selected: shipping 0.00, in the cart's quote as in the order's.
    expect(seen.cost).toEqual({ ...cost, shipping: usd("0.00"), taxEstimated: true });
    expect(seen.lines).toEqual([
      { productId: mug, quantity: 3, cost: mugCost },
      { productId: book, quantity: 1, cost: bookCost },
    ]);

    const { order, userErrors } = await checkout(buyer.token, "quote-1", seen.cost.total.amount);
    expect(userErrors).toEqual([]);
    placed = order;
    // The cart's cost, with no delivery yet: shipping is zero on the order.
    expect(order.cost).toEqual({ ...cost, shipping: usd("0.00") });
    expect(order.total).toEqual(order.cost.total);
    expect(order.lines).toEqual([
      { id: expect.any(String), product: { id: mug }, productName: expect.any(String), quantity: 3, unitPrice: usd("19.99"), ...mugCost },
      { id: expect.any(String), product: { id: book }, productName: expect.any(String), quantity: 1, unitPrice: usd("12.50"), ...bookCost },
    ]);
    // Each order line is the cart line's cost as the shopper read it.
    expect(order.lines.map(({ subtotal, discountTotal, tax, total }: any) => ({ subtotal, discountTotal, tax, total }))).toEqual(seen.lines.map((line: any) => line.cost));
    expect(new Set(order.lines.map((line: any) => line.id)).size).toBe(2);
    expect(await available(mug)).toBe(7);

    // OrderCreated names the promotion with what it took off, and the quote's total.
    const created = await stack.order.db.outboxEvent.findFirstOrThrow({ where: { aggregateId: order.id, type: "OrderCreated" } });
    expect(created.data).toMatchObject({ totalMinor: 7129, promotions: [{ promotionId, code: null, amountMinor: 600 }] });
  });

  it("keeps its snapshot when the promotion is edited, then switched off, and the tax rate changes; a replay of its key answers it without a new quote", async () => {
    const edited = (await stack.query(UPDATE_PROMOTION, { id: promotionId, input: { ...tenPercentOff([mug], title), action: { kind: "PERCENTAGE", basisPoints: 5000 } } }, admin)).data.updatePromotion;
    expect(edited.userErrors).toEqual([]);
    // The edit is in effect: 50% of 59.97 = 29.985 -> 29.98 (half to even) off a new cart of one mug line
    // (3 x 19.99), then (59.97 - 29.98) x 7.25% = 2.17 -> 29.99 + 2.17 = 32.16.
    const halfOff = await shopper([[mug, 3]]);
    expect((await cartOf(halfOff.token)).cost.total).toEqual(usd("32.16"));

    expect((await stack.query(SET_ACTIVE, { id: promotionId, active: false }, admin)).data.setPromotionActive).toEqual({ promotion: { active: false }, userErrors: [] });
    const tenPercentTax = { ...CALIFORNIA, standardPpm: 100_000, reducedPpm: 100_000 };
    expect((await stack.query(SET_TAX_RATE, { input: tenPercentTax }, admin)).data.setTaxRate).toEqual({ taxRate: { standardPpm: 100_000 }, userErrors: [] });
    try {
      // Both are in effect: the same cart as the order's now costs 72.47 + 10% (5.997 -> 6.00, 1.25) = 79.72.
      const later = await shopper([[mug, 3], [book, 1]]);
      expect((await cartOf(later.token)).cost.total).toEqual(usd("79.72"));

      const again = (await stack.query(ORDER, { id: placed.id }, buyer.token)).data.order;
      expect(again).toEqual(placed);
      // The quote for this cart is 79.72 now: a checkout that priced again would refuse 71.29.
      const replay = await checkout(buyer.token, "quote-1", "71.29");
      expect(replay).toEqual({ order: placed, userErrors: [] });
      expect(await ordersOf(buyer.userId)).toBe(1);
    } finally {
      // The rest of this file, and of this worker, prices with the seeded rate.
      await stack.query(SET_TAX_RATE, { input: CALIFORNIA }, admin);
    }
  });

  it("is charged exactly its cost.total by payOrder, not the list prices", async () => {
    const { payment, userErrors } = (await stack.query(PAY, { o: placed.id, k: "pay-quote-1" }, buyer.token)).data.payOrder;
    expect(userErrors).toEqual([]);
    expect(payment).toMatchObject({ status: "SUCCEEDED", amount: usd("71.29") });
    // What the test provider was asked to charge: 71.29, where the list prices sum to 72.47.
    const charges = await stack.payment.db.testProviderCharge.findMany({ where: { paymentId: payment.id } });
    expect(charges.map((charge) => [Number(charge.amountMinor), charge.currencyCode])).toEqual([[7129, "USD"]]);
  });
});

describe("expectedTotal", () => {
  it("refuses with CART_CHANGED and keeps nothing when it is not the quote's total, then places the order when it is", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const { userId, token } = await shopper([[p, 1]]);
    // 10.00 + 7.25% (0.725 -> 0.72, half to even) = 10.72; the client sent the subtotal instead.
    expect((await cartOf(token)).cost.total).toEqual(usd("10.72"));
    const refused = await checkout(token, "guarded", "10.00");
    expect(refused).toEqual({ order: null, userErrors: [expect.objectContaining({ code: "CART_CHANGED", field: ["expectedTotal"] })] });
    expect(await available(p)).toBe(5);
    expect(await ordersOf(userId)).toBe(0);
    expect(await claimsOf(userId)).toBe(0);

    // Nothing was kept, the key included: the same key with the right total places the order.
    const placed = await checkout(token, "guarded", "10.72");
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.cost.total).toEqual(usd("10.72"));
    expect(await available(p)).toBe(4);
  });

  it("refuses with CART_CHANGED when an admin changed a price after the shopper read the cart", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const { userId, token } = await shopper([[p, 2]]);
    // 2 x 10.00 = 20.00 + 7.25% (1.45) = 21.45.
    const seen = (await cartOf(token)).cost.total.amount;
    expect(seen).toBe("21.45");
    expect((await stack.query(SET_PRICE, { p, a: "11.00" }, admin)).data.setProductPrice.userErrors).toEqual([]);

    expect((await checkout(token, "repriced", seen)).userErrors).toEqual([expect.objectContaining({ code: "CART_CHANGED" })]);
    expect(await available(p)).toBe(5);
    expect(await ordersOf(userId)).toBe(0);
    // The cart shows the new price: 22.00 + 7.25% (1.595 -> 1.60, half to even) = 23.60, and that is what checks out.
    const now = (await cartOf(token)).cost.total.amount;
    expect(now).toBe("23.60");
    const placed = await checkout(token, "repriced", now);
    expect(placed.order).toMatchObject({ total: usd("23.60"), lines: [expect.objectContaining({ unitPrice: usd("11.00"), subtotal: usd("22.00"), tax: usd("1.60") })] });
  });

  it("that is not an amount of the order's currency is INVALID_ARGUMENT, and nothing is kept", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
    const { userId, token } = await shopper([[p, 1]]);
    for (const total of ["10.725", "ten", "-10.72"]) {
      const refused = await checkout(token, `malformed-${total}`, total);
      expect(refused.userErrors, total).toEqual([expect.objectContaining({ code: "INVALID_ARGUMENT", field: ["expectedTotal"] })]);
    }
    expect(await available(p)).toBe(5);
    expect(await ordersOf(userId)).toBe(0);
    expect(await claimsOf(userId)).toBe(0);
  });
});

describe("with pricing unreachable", () => {
  it("refuses with PRICING_UNAVAILABLE, places nothing and releases the stock; a replay of a placed key still answers", async () => {
    // A second order process on the same database whose pricing is nowhere (nothing listens there).
    const [deadPort] = await freePorts(1);
    const env = { NODE_ENV: "test", LOG_LEVEL: "silent", PORT: "0", METRICS_PORT: "0", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
    const cutOff = await startOrder(
      readOrderConfig({ ...env, CART_URL: stack.cart.url, CATALOG_URL: stack.catalog.url, PRICING_URL: `http://127.0.0.1:${deadPort}/graphql`, SHIPPING_URL: stack.shipping.url, SUBGRAPH_CALL_TIMEOUT_MS: "500" }),
      { background: false },
    );
    try {
      const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000, stock: 5 });
      const { userId, token } = await shopper([[p, 2]]);
      const caller: Caller = { kind: "user", subject: userId, roles: ["customer"] };
      // The gateway's signed identity, as the gateway would send it to this process.
      const direct = (k: string) =>
        graphql(cutOff.url, CHECKOUT, { variables: { k }, headers: { [IDENTITY_HEADER]: signIdentity(caller, INTERNAL_SECRET) } }).then((r) => r.data.checkout);

      expect(await direct("no-pricing")).toEqual({ order: null, userErrors: [expect.objectContaining({ code: "PRICING_UNAVAILABLE" })] });
      expect(await available(p)).toBe(5);
      expect(await ordersOf(userId)).toBe(0);
      expect(await claimsOf(userId)).toBe(0);

      // Placed through the stack, the key answers from the cut-off process too: a replay asks pricing nothing.
      const placed = await checkout(token, "no-pricing");
      expect(placed.userErrors).toEqual([]);
      expect(await direct("no-pricing")).toEqual({ order: placed.order, userErrors: [] });
    } finally {
      await cutOff.close();
    }
  });
});
