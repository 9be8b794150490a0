// The cart's one quote through the gateway: the pricing subgraph prices every line and the cart
// from the catalog's prices, the promotions and the tax of the shop's default place (US, CA 7.25%
// before an address), and the admin manages promotions and tax rates. Every test makes its own
// products, and promotions that name only them, so the demo seed and other tests stay untouched.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { createProducts } from "../support/catalog-products.js";
import { recordingCatalogDb, recordingPricingDb } from "../support/recording-db.js";
import { startStack, type Stack } from "../support/stack.js";

const ADD = `mutation($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { userErrors { code } } }`;
const CREATE = `mutation($input: PromotionInput!) { createPromotion(input: $input) { promotion { id title code active version } userErrors { code field message } } }`;
const MONEY = "{ amount currencyCode }";
const DISCOUNT = `{ code title target amount ${MONEY} }`;
const PRICED_CART = `{ cart {
  lines { productId quantity subtotal ${MONEY} cost { amountPerQuantity ${MONEY} subtotal ${MONEY} discountTotal ${MONEY} tax ${MONEY} total ${MONEY} } discounts ${DISCOUNT} }
  cost { subtotal ${MONEY} servicesSubtotal ${MONEY} shipping ${MONEY} discounts ${DISCOUNT} discountTotal ${MONEY} tax ${MONEY} taxIncluded taxEstimated total ${MONEY} }
  discountCodes { code applicable }
} }`;

const { db: catalogDb, queries: catalogQueries } = recordingCatalogDb();
const { db: pricingDb, queries: pricingQueries } = recordingPricingDb();

let stack: Stack;
let admin: string;
beforeAll(async () => {
  // Pricing's background work (its relay's polling, the periodic refresh) stays off, so every
  // statement it sends is one a request caused; its admin changes reload its rules in-process.
  stack = await startStack({ catalogDb, pricingOptions: { db: pricingDb, background: false } });
  admin = await userToken({ roles: ["admin"] });
});
afterAll(() => stack?.close());

const usd = (amount: string) => ({ amount, currencyCode: "USD" });

/** An automatic "buy 3 pay 2" on the given products only. */
async function threeForTwo(productIds: string[], title: string) {
  const input = { title, target: { kind: "PRODUCTS", productIds }, action: { kind: "BUY_X_PAY_Y", buy: 3, pay: 2 } };
  const created = await stack.query(CREATE, { input }, admin);
  expect(created.data.createPromotion.userErrors).toEqual([]);
  return created.data.createPromotion.promotion;
}

describe("the enriched cart", () => {
  it("prices the lines and the cart from one quote: an automatic promotion, and tax per line after it", async () => {
    const [game, bigGame] = await createProducts(stack.catalog.db, 2, { priceMinor: 1000 });
    await stack.catalog.db.product.update({ where: { id: bigGame }, data: { priceMinor: 2500 } });
    const title = `3 for 2 on test games ${randomUUID().slice(0, 8)}`;
    await threeForTwo([game, bigGame], title);
    const token = await userToken();
    await stack.query(ADD, { p: game, q: 2 }, token);
    await stack.query(ADD, { p: bigGame, q: 1 }, token);

    const result = await stack.query(PRICED_CART, {}, token);
    expect(result.errors).toBeUndefined();
    // Units dearest first: 25.00, 10.00, 10.00 make one group of three; its cheapest unit (10.00,
    // of the first line) is free. Tax at 7.25% on each line's net, half-even per line:
    //   game:    20.00 - 10.00 = 10.00 x 7.25% = 0.725 -> 0.72 (half to even); total 10.72
    //   bigGame: 25.00                x 7.25% = 1.8125 -> 1.81;                 total 26.81
    // Cart: 45.00 - 10.00 + 2.53 = 37.53, the sum of the line totals.
    const discount = { code: null, title, target: "LINE", amount: usd("10.00") };
    expect(result.data.cart).toEqual({
      lines: [
        {
          productId: game,
          quantity: 2,
          subtotal: usd("20.00"),
          cost: { amountPerQuantity: usd("10.00"), subtotal: usd("20.00"), discountTotal: usd("10.00"), tax: usd("0.72"), total: usd("10.72") },
          discounts: [discount],
        },
        {
          productId: bigGame,
          quantity: 1,
          subtotal: usd("25.00"),
          cost: { amountPerQuantity: usd("25.00"), subtotal: usd("25.00"), discountTotal: usd("0.00"), tax: usd("1.81"), total: usd("26.81") },
          discounts: [],
        },
      ],
      cost: {
        subtotal: usd("45.00"),
        servicesSubtotal: usd("0.00"),
        shipping: null,
        discounts: [discount],
        discountTotal: usd("10.00"),
        tax: usd("2.53"),
        taxIncluded: false,
        taxEstimated: true,
        total: usd("37.53"),
      },
      discountCodes: [],
    });
  });

  it("an empty cart costs nothing, in the shop's currency", async () => {
    const result = await stack.query(`{ cart { cost { subtotal ${MONEY} tax ${MONEY} total ${MONEY} taxEstimated } } }`, {}, await userToken());
    expect(result.data.cart.cost).toEqual({ subtotal: usd("0.00"), tax: usd("0.00"), total: usd("0.00"), taxEstimated: true });
  });

  it("costs one product query per catalog fetch of the plan, and no SQL in pricing", async () => {
    // The plan: the cart (its lines, each with its cart's codes and line ids for pricing's line
    // fields), then one catalog fetch (the lines' products), then two pricing fetches in parallel
    // (the lines' fields, the cart's). No line carries the other lines' products.
    const products = await createProducts(stack.catalog.db, 20, { priceMinor: 1234 });
    const token = await userToken();
    for (const p of products) await stack.query(ADD, { p, q: 2 }, token);
    catalogQueries.length = 0;
    pricingQueries.length = 0;

    const result = await stack.query(PRICED_CART, {}, token);
    expect(result.errors).toBeUndefined();
    // 20 x 24.68 = 493.60; 24.68 x 7.25% = 1.7893 -> 1.79 per line, 35.80 in all.
    expect(result.data.cart.cost).toMatchObject({ subtotal: usd("493.60"), tax: usd("35.80"), total: usd("529.40") });
    // The catalog fetch resolves all its products with one query; pricing prices all 21 entities
    // from the rules it holds in memory.
    expect(catalogQueries.filter((sql) => /FROM "catalog"\."product"/i.test(sql))).toHaveLength(1);
    expect(pricingQueries).toEqual([]);
  });
});

describe("promotions and tax rates, for admins", () => {
  it("refuses bad input with a code per field and changes nothing", async () => {
    const before = await stack.pricing.db.promotion.count();
    const input = {
      title: " ",
      code: "no spaces allowed",
      target: { kind: "ORDER", productIds: ["p1"] },
      action: { kind: "BUY_X_PAY_Y", buy: 1, pay: 0 },
      usageLimit: 0,
    };
    const refused = (await stack.query(CREATE, { input }, admin)).data.createPromotion;
    expect(refused.promotion).toBeNull();
    expect(refused.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join(".")])).toEqual([
      ["INVALID_ARGUMENT", "input.title"],
      ["INVALID_ARGUMENT", "input.code"],
      ["INVALID_ARGUMENT", "input.target.productIds"],
      ["INVALID_ARGUMENT", "input.action.buy"],
      ["INVALID_ARGUMENT", "input.action.pay"],
      ["INVALID_ARGUMENT", "input.action.kind"],
      ["INVALID_ARGUMENT", "input.usageLimit"],
    ]);
    expect(await stack.pricing.db.promotion.count()).toBe(before);
  });

  it("refuses a code another promotion holds in any case, and an unknown promotion", async () => {
    const code = `T${randomUUID().slice(0, 8)}`.toUpperCase();
    const input = { title: "10% off", code, target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 } };
    expect((await stack.query(CREATE, { input }, admin)).data.createPromotion.userErrors).toEqual([]);
    const taken = (await stack.query(CREATE, { input: { ...input, code: code.toLowerCase() } }, admin)).data.createPromotion;
    expect(taken).toEqual({ promotion: null, userErrors: [{ code: "DISCOUNT_CODE_TAKEN", field: ["input", "code"], message: expect.any(String) }] });
    const unknown = await stack.query(`mutation { setPromotionActive(id: "no-such-promotion", active: false) { promotion { id } userErrors { code field } } }`, {}, admin);
    expect(unknown.data.setPromotionActive).toEqual({ promotion: null, userErrors: [{ code: "PROMOTION_NOT_FOUND", field: ["id"] }] });
  });

  it("a promotion switched off applies to no cart from the next request on", async () => {
    const [p] = await createProducts(stack.catalog.db, 1, { priceMinor: 1000 });
    const promotion = await threeForTwo([p], `3 for 2 ${randomUUID().slice(0, 8)}`);
    const token = await userToken();
    await stack.query(ADD, { p, q: 3 }, token);
    const total = async () => (await stack.query(`{ cart { cost { discountTotal ${MONEY} total ${MONEY} } } }`, {}, token)).data.cart.cost;
    // 30.00 - 10.00 = 20.00 + 7.25% (1.45) = 21.45; without the promotion 30.00 + 2.175 -> 2.18 = 32.18.
    expect(await total()).toEqual({ discountTotal: usd("10.00"), total: usd("21.45") });
    const off = await stack.query(`mutation($id: ID!) { setPromotionActive(id: $id, active: false) { promotion { active version } userErrors { code } } }`, { id: promotion.id }, admin);
    expect(off.data.setPromotionActive).toEqual({ promotion: { active: false, version: 2 }, userErrors: [] });
    expect(await total()).toEqual({ discountTotal: usd("0.00"), total: usd("32.18") });
  });

  it("sets a country's tax rates and lists them", async () => {
    const country = "FR";
    const input = { countryCode: country, standardPpm: 200_000, reducedPpm: 55_000, zeroPpm: 0, taxesShipping: true, taxesServices: true };
    const set = await stack.query(`mutation($input: TaxRateInput!) { setTaxRate(input: $input) { taxRate { countryCode provinceCode standardPpm } userErrors { code } } }`, { input }, admin);
    expect(set.data.setTaxRate).toEqual({ taxRate: { countryCode: country, provinceCode: null, standardPpm: 200_000 }, userErrors: [] });
    const rates = (await stack.query(`{ taxRates { countryCode provinceCode standardPpm } }`, {}, admin)).data.taxRates;
    expect(rates).toContainEqual({ countryCode: country, provinceCode: null, standardPpm: 200_000 });
    expect(rates).toContainEqual({ countryCode: "US", provinceCode: "CA", standardPpm: 72_500 });
    const bad = await stack.query(`mutation($input: TaxRateInput!) { setTaxRate(input: $input) { taxRate { countryCode } userErrors { code field } } }`, { input: { ...input, countryCode: "France", standardPpm: 2_000_000 } }, admin);
    expect(bad.data.setTaxRate).toEqual({ taxRate: null, userErrors: [{ code: "INVALID_ARGUMENT", field: ["input", "countryCode"] }, { code: "INVALID_ARGUMENT", field: ["input", "standardPpm"] }] });
  });

  it("are for admins only", async () => {
    const customer = await userToken();
    const listed = await stack.query(`{ promotions { id } }`, {}, customer);
    expect(listed.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const anonymous = await stack.query(`{ taxRates { countryCode } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });
});
