// Tax on real carts, through the gateway, in both styles the shop can be configured for: US sales
// tax (tax on top, per state) and VAT (PRICES_INCLUDE_TAX=on, tax inside the prices) for Poland
// and Germany. Each style runs in a stack of its own started with that env; the rates each relies
// on are set through setTaxRate first (US / WA is a place no other test uses; PL and DE are set to
// the rates the seed gives them, so tests that read the seed see no change). Every amount is worked
// out by hand in the comment above its assertion; before an address, tax is an estimate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { startStack, type Stack } from "../support/stack.js";
import { amount, cartDiscount, createProduct, createPromotion, fillCart, pricedCart, pricedLine, setTaxRate } from "../support/priced-fixtures.js";

const SET_ADDRESS = `mutation($address: AddressInput!) { setShippingAddress(address: $address) { userErrors { code field } } }`;

/** A stack of its own for the describe block it is called in, and an admin's token. */
function stackWith(env: Record<string, string>, rates: Parameters<typeof setTaxRate>[2]) {
  const context = {} as { stack: Stack; admin: string };
  beforeAll(async () => {
    context.stack = await startStack({ env });
    context.admin = await userToken({ roles: ["admin"] });
    await setTaxRate(context.stack, context.admin, rates);
  });
  afterAll(() => context.stack?.close());
  return context;
}

describe("US sales tax, added on top (US / WA)", () => {
  // Made-up rates for the test's own state: 6.5% standard, 1.5% reduced.
  const ctx = stackWith({ TAX_DEFAULT_COUNTRY: "US", TAX_DEFAULT_PROVINCE: "WA" }, { countryCode: "US", provinceCode: "WA", standardPpm: 65_000, reducedPpm: 15_000, zeroPpm: 0 });

  it("taxes each line at its category's rate on its net after its discount, and adds it to the totals", async () => {
    const { stack, admin } = ctx;
    const standard = await createProduct(stack, 2499);
    const reduced = await createProduct(stack, 749, { taxCategory: "REDUCED" });
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [standard] }, action: { kind: "PERCENTAGE", basisPoints: 1000 } });
    const token = await userToken();
    await fillCart(stack, token, [[standard, 2], [reduced, 3]]);

    // standard: 2 x 24.99 = 49.98; 10% = 4.998 -> 5.00; net 44.98; 6.5% = 2.9237 -> 2.92
    //           (on 49.98 before the discount it would be 3.25); total 44.98 + 2.92 = 47.90.
    // reduced:  3 x 7.49 = 22.47; 1.5% = 0.33705 -> 0.34; total 22.81.
    // Cart: 72.45 - 5.00 + 3.26 = 70.71 (= 47.90 + 22.81).
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(standard, 2, { unit: "24.99", subtotal: "49.98", discountTotal: "5.00", tax: "2.92", total: "47.90" }, [{ title: promo.title, amount: "5.00" }]),
        pricedLine(reduced, 3, { unit: "7.49", subtotal: "22.47", discountTotal: "0.00", tax: "0.34", total: "22.81" }),
      ],
      cost: { subtotal: amount("72.45"), discounts: [cartDiscount(promo, "LINE", "5.00")], discountTotal: amount("5.00"), tax: amount("3.26"), taxIncluded: false, taxEstimated: true, total: amount("70.71") },
      discountCodes: [],
    });
  });

  it("follows the cart's shipping address once it has one, and is then no longer an estimate", async () => {
    const { stack, admin } = ctx;
    // Vermont, a place of this test's own: 6% standard.
    await setTaxRate(stack, admin, { countryCode: "US", provinceCode: "VT", standardPpm: 60_000, reducedPpm: 0, zeroPpm: 0 });
    const product = await createProduct(stack, 2499);
    const token = await userToken();
    await fillCart(stack, token, [[product, 2]]);

    // Before an address, the default place (WA, 6.5%): 49.98 x 6.5% = 3.2487 -> 3.25; 53.23.
    expect((await pricedCart(stack, token)).cost).toMatchObject({ tax: amount("3.25"), taxEstimated: true, total: amount("53.23") });
    const moved = await stack.query(SET_ADDRESS, { address: { fullName: "Ada Lovelace", line1: "1 Church St", city: "Burlington", provinceCode: "VT", postalCode: "05401", countryCode: "US" } }, token);
    expect(moved.errors).toBeUndefined();
    expect(moved.data.setShippingAddress.userErrors).toEqual([]);
    // Shipping to Vermont: 49.98 x 6% = 2.9988 -> 3.00; 52.98. Each line is taxed there too.
    const priced = await pricedCart(stack, token);
    expect(priced.cost).toMatchObject({ tax: amount("3.00"), taxEstimated: false, total: amount("52.98") });
    expect(priced.lines[0].cost).toMatchObject({ tax: amount("3.00"), total: amount("52.98") });
  });
});

describe("VAT in Poland, inside the prices (23% / 8% / 0)", () => {
  const ctx = stackWith(
    { PRICES_INCLUDE_TAX: "on", TAX_DEFAULT_COUNTRY: "PL", TAX_DEFAULT_PROVINCE: "none" },
    { countryCode: "PL", standardPpm: 230_000, reducedPpm: 80_000, zeroPpm: 0, taxesShipping: true, taxesServices: true },
  );

  it("the tax is the part of each line's net that is tax, and the total is subtotal - discounts", async () => {
    const { stack, admin } = ctx;
    const standard = await createProduct(stack, 9999);
    const reduced = await createProduct(stack, 1299, { taxCategory: "REDUCED" });
    const zero = await createProduct(stack, 1500, { taxCategory: "ZERO" });
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [standard] }, action: { kind: "PERCENTAGE", basisPoints: 1000 } });
    const token = await userToken();
    await fillCart(stack, token, [[standard, 1], [reduced, 2], [zero, 1]]);

    // Tax inside: net x rate / (1 + rate), half-even per line.
    // standard: 99.99; 10% = 9.999 -> 10.00; net 89.99; 89.99 x 23 / 123 = 16.8274 -> 16.83;
    //           total 89.99 (the tax is in it).
    // reduced:  2 x 12.99 = 25.98; 25.98 x 8 / 108 = 1.92444 -> 1.92; total 25.98.
    // zero:     15.00; tax 0.00; total 15.00.
    // Cart: 140.97 - 10.00 = 130.97 (= 89.99 + 25.98 + 15.00); tax 16.83 + 1.92 = 18.75.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(standard, 1, { unit: "99.99", subtotal: "99.99", discountTotal: "10.00", tax: "16.83", total: "89.99" }, [{ title: promo.title, amount: "10.00" }]),
        pricedLine(reduced, 2, { unit: "12.99", subtotal: "25.98", discountTotal: "0.00", tax: "1.92", total: "25.98" }),
        pricedLine(zero, 1, { unit: "15.00", subtotal: "15.00", discountTotal: "0.00", tax: "0.00", total: "15.00" }),
      ],
      cost: { subtotal: amount("140.97"), discounts: [cartDiscount(promo, "LINE", "10.00")], discountTotal: amount("10.00"), tax: amount("18.75"), taxIncluded: true, taxEstimated: true, total: amount("130.97") },
      discountCodes: [],
    });
  });
});

describe("VAT in Germany, inside the prices (19% / 7%)", () => {
  const ctx = stackWith(
    { PRICES_INCLUDE_TAX: "on", TAX_DEFAULT_COUNTRY: "DE", TAX_DEFAULT_PROVINCE: "none" },
    { countryCode: "DE", standardPpm: 190_000, reducedPpm: 70_000, zeroPpm: 0, taxesShipping: true, taxesServices: true },
  );

  it("the reduced rate's tax comes from the net after a fixed discount", async () => {
    const { stack, admin } = ctx;
    const standard = await createProduct(stack, 5950);
    const reduced = await createProduct(stack, 499, { taxCategory: "REDUCED" });
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [reduced] }, action: { kind: "FIXED_AMOUNT", amount: "1.00" } });
    const token = await userToken();
    await fillCart(stack, token, [[standard, 2], [reduced, 3]]);

    // standard: 2 x 59.50 = 119.00; 119.00 x 19 / 119 = 19.00; total 119.00.
    // reduced:  3 x 4.99 = 14.97; 1.00 off; net 13.97; 13.97 x 7 / 107 = 0.91392 -> 0.91
    //           (on 14.97 it would be 0.98); total 13.97.
    // Cart: 133.97 - 1.00 = 132.97 (= 119.00 + 13.97); tax 19.91.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(standard, 2, { unit: "59.50", subtotal: "119.00", discountTotal: "0.00", tax: "19.00", total: "119.00" }),
        pricedLine(reduced, 3, { unit: "4.99", subtotal: "14.97", discountTotal: "1.00", tax: "0.91", total: "13.97" }, [{ title: promo.title, amount: "1.00" }]),
      ],
      cost: { subtotal: amount("133.97"), discounts: [cartDiscount(promo, "LINE", "1.00")], discountTotal: amount("1.00"), tax: amount("19.91"), taxIncluded: true, taxEstimated: true, total: amount("132.97") },
      discountCodes: [],
    });
  });
});
