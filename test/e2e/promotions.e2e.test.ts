// Every kind of promotion on a real cart, through the gateway: what each takes off, how it rounds
// and is split over lines, windows, codes, stacking and exclusivity. Every amount below is worked
// out by hand in the comment above its assertion.
//
// Tax: this stack estimates tax for US / VT, a place no other test uses, at a rate the file sets
// itself (10% on everything), so each line's tax is its net / 10, rounded half-even per line.
// Isolation: every promotion names only this test's own products or categories; the ORDER ones
// have codes only the test's cart holds (an automatic ORDER promotion would reach every cart of
// the worker's database, later test files included).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userToken } from "@trolley/testing";
import { startStack, type Stack } from "../support/stack.js";
import {
  amount,
  APPLY,
  cartDiscount,
  createCategory,
  createProduct,
  createPromotion,
  fillCart,
  newCode,
  pricedCart,
  pricedLine,
  setTaxRate,
} from "../support/priced-fixtures.js";

let stack: Stack;
let admin: string;
beforeAll(async () => {
  stack = await startStack({ env: { TAX_DEFAULT_COUNTRY: "US", TAX_DEFAULT_PROVINCE: "VT" } });
  admin = await userToken({ roles: ["admin"] });
  await setTaxRate(stack, admin, { countryCode: "US", provinceCode: "VT", standardPpm: 100_000, reducedPpm: 100_000, zeroPpm: 0 });
});
afterAll(() => stack?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe("each kind of promotion", () => {
  it("a percentage off products takes off only the listed products", async () => {
    const [a, b] = [await createProduct(stack, 1250), await createProduct(stack, 800)];
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [a] }, action: { kind: "PERCENTAGE", basisPoints: 2000 } });
    const token = await userToken();
    await fillCart(stack, token, [[a, 3], [b, 1]]);

    // a: 3 x 12.50 = 37.50; 20% = 7.50; net 30.00; tax 3.00; total 33.00.
    // b: 8.00, untouched; tax 0.80; total 8.80.
    // Cart: 45.50 - 7.50 + 3.80 = 41.80 (= 33.00 + 8.80).
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(a, 3, { unit: "12.50", subtotal: "37.50", discountTotal: "7.50", tax: "3.00", total: "33.00" }, [{ title: promo.title, amount: "7.50" }]),
        pricedLine(b, 1, { unit: "8.00", subtotal: "8.00", discountTotal: "0.00", tax: "0.80", total: "8.80" }),
      ],
      cost: { subtotal: amount("45.50"), discounts: [cartDiscount(promo, "LINE", "7.50")], discountTotal: amount("7.50"), tax: amount("3.80"), taxIncluded: false, taxEstimated: true, total: amount("41.80") },
      discountCodes: [],
    });
  });

  it("a percentage off a category is taken once on the category's lines and split by largest remainder", async () => {
    const category = await createCategory(stack);
    const [big, small, other] = [await createProduct(stack, 2000, { categoryId: category }), await createProduct(stack, 999, { categoryId: category }), await createProduct(stack, 500)];
    const promo = await createPromotion(stack, admin, { target: { kind: "CATEGORY", categoryIds: [category] }, action: { kind: "PERCENTAGE", basisPoints: 1500 } });
    const token = await userToken();
    await fillCart(stack, token, [[big, 2], [small, 1], [other, 1]]);

    // Eligible: 40.00 + 9.99 = 49.99; 15% = 7.4985 -> 7.50.
    // Split 750 cents over 4000 : 999 (sum 4999): 750 x 4000 / 4999 = 600 rem 600;
    // 750 x 999 / 4999 = 149 rem 4399; one cent left, to the larger remainder: 600 and 150.
    //   big:   40.00 - 6.00 = 34.00; tax 3.40;             total 37.40
    //   small:  9.99 - 1.50 =  8.49; tax 0.849 -> 0.85;    total  9.34
    //   other:  5.00;                tax 0.50;             total  5.50
    // Cart: 54.99 - 7.50 + 4.75 = 52.24 (= 37.40 + 9.34 + 5.50).
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(big, 2, { unit: "20.00", subtotal: "40.00", discountTotal: "6.00", tax: "3.40", total: "37.40" }, [{ title: promo.title, amount: "6.00" }]),
        pricedLine(small, 1, { unit: "9.99", subtotal: "9.99", discountTotal: "1.50", tax: "0.85", total: "9.34" }, [{ title: promo.title, amount: "1.50" }]),
        pricedLine(other, 1, { unit: "5.00", subtotal: "5.00", discountTotal: "0.00", tax: "0.50", total: "5.50" }),
      ],
      cost: { subtotal: amount("54.99"), discounts: [cartDiscount(promo, "LINE", "7.50")], discountTotal: amount("7.50"), tax: amount("4.75"), taxIncluded: false, taxEstimated: true, total: amount("52.24") },
      discountCodes: [],
    });
  });

  it("a fixed amount off products is capped at what the products come to", async () => {
    const [a, b] = [await createProduct(stack, 300), await createProduct(stack, 400)];
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [a] }, action: { kind: "FIXED_AMOUNT", amount: "10.00" } });
    const token = await userToken();
    await fillCart(stack, token, [[a, 2], [b, 1]]);

    // a: 2 x 3.00 = 6.00; 10.00 off is capped at 6.00; net 0.00; tax 0.00; total 0.00.
    // b: 4.00; tax 0.40; total 4.40. Cart: 10.00 - 6.00 + 0.40 = 4.40.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(a, 2, { unit: "3.00", subtotal: "6.00", discountTotal: "6.00", tax: "0.00", total: "0.00" }, [{ title: promo.title, amount: "6.00" }]),
        pricedLine(b, 1, { unit: "4.00", subtotal: "4.00", discountTotal: "0.00", tax: "0.40", total: "4.40" }),
      ],
      cost: { subtotal: amount("10.00"), discounts: [cartDiscount(promo, "LINE", "6.00")], discountTotal: amount("6.00"), tax: amount("0.40"), taxIncluded: false, taxEstimated: true, total: amount("4.40") },
      discountCodes: [],
    });
  });

  it("a percentage off the order is not a line discount, but its share comes off each line's tax base", async () => {
    const [a, b] = [await createProduct(stack, 1999), await createProduct(stack, 501)];
    const code = newCode();
    const promo = await createPromotion(stack, admin, { code, target: { kind: "ORDER" }, action: { kind: "PERCENTAGE", basisPoints: 1000 } });
    const token = await userToken();
    await fillCart(stack, token, [[a, 1], [b, 1]]);
    expect((await stack.query(APPLY, { code }, token)).data.applyDiscountCode.userErrors).toEqual([]);

    // Goods 19.99 + 5.01 = 25.00; 10% = 2.50, an ORDER discount (lines show no discount).
    // Its shares over 1999 : 501 (sum 2500): 250 x 1999 / 2500 = 199 rem 2250; 250 x 501 / 2500 = 50
    // rem 250; the cent left goes to a: 200 and 50. Tax bases 17.99 and 4.51:
    //   a: tax 1.799 -> 1.80; line total 19.99 + 1.80 = 21.79
    //   b: tax 0.451 -> 0.45; line total  5.01 + 0.45 =  5.46
    // Cart: 25.00 - 2.50 + 2.25 = 24.75.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(a, 1, { unit: "19.99", subtotal: "19.99", discountTotal: "0.00", tax: "1.80", total: "21.79" }),
        pricedLine(b, 1, { unit: "5.01", subtotal: "5.01", discountTotal: "0.00", tax: "0.45", total: "5.46" }),
      ],
      cost: { subtotal: amount("25.00"), discounts: [cartDiscount(promo, "ORDER", "2.50", code)], discountTotal: amount("2.50"), tax: amount("2.25"), taxIncluded: false, taxEstimated: true, total: amount("24.75") },
      discountCodes: [{ code, applicable: true }],
    });
  });

  it("a fixed amount off the order needs its minimum subtotal: at it, 5.00 off; one cent below, nothing", async () => {
    const code = newCode();
    const promo = await createPromotion(stack, admin, { code, target: { kind: "ORDER" }, action: { kind: "FIXED_AMOUNT", amount: "5.00" }, minSubtotal: "50.00" });
    const [atMinimum, centBelow] = [await createProduct(stack, 5000), await createProduct(stack, 4999)];

    const reaches = await userToken();
    await fillCart(stack, reaches, [[atMinimum, 1]]);
    expect((await stack.query(APPLY, { code }, reaches)).data.applyDiscountCode.userErrors).toEqual([]);
    // 50.00 reaches 50.00: 5.00 off; tax on 45.00 = 4.50; line total 50.00 + 4.50 = 54.50;
    // cart 50.00 - 5.00 + 4.50 = 49.50.
    expect(await pricedCart(stack, reaches)).toEqual({
      lines: [pricedLine(atMinimum, 1, { unit: "50.00", subtotal: "50.00", discountTotal: "0.00", tax: "4.50", total: "54.50" })],
      cost: { subtotal: amount("50.00"), discounts: [cartDiscount(promo, "ORDER", "5.00", code)], discountTotal: amount("5.00"), tax: amount("4.50"), taxIncluded: false, taxEstimated: true, total: amount("49.50") },
      discountCodes: [{ code, applicable: true }],
    });

    const below = await userToken();
    await fillCart(stack, below, [[centBelow, 1]]);
    expect((await stack.query(APPLY, { code }, below)).data.applyDiscountCode.userErrors).toEqual([{ code: "DISCOUNT_CODE_NOT_APPLICABLE", field: ["code"] }]);
    // 49.99 is a cent short: no discount; tax 4.999 -> 5.00; cart 49.99 + 5.00 = 54.99.
    expect(await pricedCart(stack, below)).toEqual({
      lines: [pricedLine(centBelow, 1, { unit: "49.99", subtotal: "49.99", discountTotal: "0.00", tax: "5.00", total: "54.99" })],
      cost: { subtotal: amount("49.99"), discounts: [], discountTotal: amount("0.00"), tax: amount("5.00"), taxIncluded: false, taxEstimated: true, total: amount("54.99") },
      discountCodes: [],
    });
  });
});

describe("promotions on units", () => {
  it("buy 3 pay 2 across two products makes the cheapest unit of each full group free", async () => {
    const [dear, cheap] = [await createProduct(stack, 1000), await createProduct(stack, 600)];
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [dear, cheap] }, action: { kind: "BUY_X_PAY_Y", buy: 3, pay: 2 } });
    const token = await userToken();
    await fillCart(stack, token, [[dear, 2], [cheap, 2]]);

    // Units dearest first: 10.00, 10.00, 6.00 | 6.00. One full group; its cheapest (a 6.00 unit
    // of cheap) is free; the fourth unit pays.
    //   dear:  20.00;               tax 2.00; total 22.00
    //   cheap: 12.00 - 6.00 = 6.00; tax 0.60; total  6.60
    // Cart: 32.00 - 6.00 + 2.60 = 28.60 (= 22.00 + 6.60).
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(dear, 2, { unit: "10.00", subtotal: "20.00", discountTotal: "0.00", tax: "2.00", total: "22.00" }),
        pricedLine(cheap, 2, { unit: "6.00", subtotal: "12.00", discountTotal: "6.00", tax: "0.60", total: "6.60" }, [{ title: promo.title, amount: "6.00" }]),
      ],
      cost: { subtotal: amount("32.00"), discounts: [cartDiscount(promo, "LINE", "6.00")], discountTotal: amount("6.00"), tax: amount("2.60"), taxIncluded: false, taxEstimated: true, total: amount("28.60") },
      discountCodes: [],
    });
  });

  it('"3+1" (buy 4 pay 3) on 7 units frees one unit: the second group is not full', async () => {
    const p = await createProduct(stack, 250);
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [p] }, action: { kind: "BUY_X_PAY_Y", buy: 4, pay: 3 } });
    const token = await userToken();
    await fillCart(stack, token, [[p, 7]]);

    // 7 x 2.50 = 17.50; groups 4 | 3: one free unit, 2.50; net 15.00; tax 1.50; total 16.50.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [pricedLine(p, 7, { unit: "2.50", subtotal: "17.50", discountTotal: "2.50", tax: "1.50", total: "16.50" }, [{ title: promo.title, amount: "2.50" }])],
      cost: { subtotal: amount("17.50"), discounts: [cartDiscount(promo, "LINE", "2.50")], discountTotal: amount("2.50"), tax: amount("1.50"), taxIncluded: false, taxEstimated: true, total: amount("16.50") },
      discountCodes: [],
    });
  });

  it("second unit at 50% with an odd quantity halves one unit, rounded half-even", async () => {
    const p = await createProduct(stack, 999);
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [p] }, action: { kind: "NTH_UNIT_PERCENT", nth: 2, basisPoints: 5000 } });
    const token = await userToken();
    await fillCart(stack, token, [[p, 3]]);

    // 3 x 9.99 = 29.97; floor(3 / 2) = 1 unit at 50%: 4.995 -> 5.00 (499.5 cents, half to even
    // 500); net 24.97; tax 2.497 -> 2.50; total 27.47.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [pricedLine(p, 3, { unit: "9.99", subtotal: "29.97", discountTotal: "5.00", tax: "2.50", total: "27.47" }, [{ title: promo.title, amount: "5.00" }])],
      cost: { subtotal: amount("29.97"), discounts: [cartDiscount(promo, "LINE", "5.00")], discountTotal: amount("5.00"), tax: amount("2.50"), taxIncluded: false, taxEstimated: true, total: amount("27.47") },
      discountCodes: [],
    });
  });
});

describe("rounding", () => {
  it("takes a percentage once on the eligible sum, so the lines' discounts sum exactly to it", async () => {
    const products = [await createProduct(stack, 100), await createProduct(stack, 100), await createProduct(stack, 100)];
    const promo = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: products }, action: { kind: "PERCENTAGE", basisPoints: 3333 } });
    const token = await userToken();
    await fillCart(stack, token, products.map((p): [string, number] => [p, 1]));

    // 33.33% per line would be 0.3333 -> 0.33 on each, 0.99 in all: a cent lost. Once on 3.00:
    // 0.9999 -> 1.00. Split over three equal lines: 0.33 each with equal remainders, the cent
    // left to the earliest line: 0.34, 0.33, 0.33 (sum 1.00, the LINE discount).
    // Nets 0.66, 0.67, 0.67; tax 0.066 -> 0.07, 0.067 -> 0.07, 0.07; totals 0.73, 0.74, 0.74.
    // Cart: 3.00 - 1.00 + 0.21 = 2.21 (= 0.73 + 0.74 + 0.74).
    const cart = await pricedCart(stack, token);
    expect(cart).toEqual({
      lines: [
        pricedLine(products[0], 1, { unit: "1.00", subtotal: "1.00", discountTotal: "0.34", tax: "0.07", total: "0.73" }, [{ title: promo.title, amount: "0.34" }]),
        pricedLine(products[1], 1, { unit: "1.00", subtotal: "1.00", discountTotal: "0.33", tax: "0.07", total: "0.74" }, [{ title: promo.title, amount: "0.33" }]),
        pricedLine(products[2], 1, { unit: "1.00", subtotal: "1.00", discountTotal: "0.33", tax: "0.07", total: "0.74" }, [{ title: promo.title, amount: "0.33" }]),
      ],
      cost: { subtotal: amount("3.00"), discounts: [cartDiscount(promo, "LINE", "1.00")], discountTotal: amount("1.00"), tax: amount("0.21"), taxIncluded: false, taxEstimated: true, total: amount("2.21") },
      discountCodes: [],
    });
  });
});

describe("codes and windows", () => {
  it("a code-only promotion applies only once the cart holds its code", async () => {
    const p = await createProduct(stack, 800);
    const code = newCode();
    const promo = await createPromotion(stack, admin, { code, target: { kind: "PRODUCTS", productIds: [p] }, action: { kind: "PERCENTAGE", basisPoints: 2500 } });
    const token = await userToken();
    await fillCart(stack, token, [[p, 2]]);

    // Without the code: 16.00; tax 1.60; total 17.60.
    expect((await pricedCart(stack, token)).cost).toMatchObject({ subtotal: amount("16.00"), discountTotal: amount("0.00"), tax: amount("1.60"), total: amount("17.60") });

    expect((await stack.query(APPLY, { code }, token)).data.applyDiscountCode.userErrors).toEqual([]);
    // With it: 25% of 16.00 = 4.00; net 12.00; tax 1.20; total 13.20.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [pricedLine(p, 2, { unit: "8.00", subtotal: "16.00", discountTotal: "4.00", tax: "1.20", total: "13.20" }, [{ title: promo.title, amount: "4.00" }])],
      cost: { subtotal: amount("16.00"), discounts: [cartDiscount(promo, "LINE", "4.00", code)], discountTotal: amount("4.00"), tax: amount("1.20"), taxIncluded: false, taxEstimated: true, total: amount("13.20") },
      discountCodes: [{ code, applicable: true }],
    });
  });

  it("a promotion whose window has not started, and one that has ended, do not apply; one inside its window does", async () => {
    const p = await createProduct(stack, 1000);
    const target = { kind: "PRODUCTS", productIds: [p] };
    const current = await createPromotion(stack, admin, { target, action: { kind: "PERCENTAGE", basisPoints: 1000 }, startsAt: at(-HOUR), endsAt: at(HOUR) });
    await createPromotion(stack, admin, { target, action: { kind: "PERCENTAGE", basisPoints: 5000 }, startsAt: at(DAY), endsAt: at(2 * DAY) });
    await createPromotion(stack, admin, { target, action: { kind: "PERCENTAGE", basisPoints: 3000 }, startsAt: at(-2 * DAY), endsAt: at(-DAY) });
    const token = await userToken();
    await fillCart(stack, token, [[p, 1]]);

    // Only the current 10%: 10.00 - 1.00 = 9.00; tax 0.90; total 9.90 (the 50% starts tomorrow,
    // the 30% ended yesterday).
    expect(await pricedCart(stack, token)).toEqual({
      lines: [pricedLine(p, 1, { unit: "10.00", subtotal: "10.00", discountTotal: "1.00", tax: "0.90", total: "9.90" }, [{ title: current.title, amount: "1.00" }])],
      cost: { subtotal: amount("10.00"), discounts: [cartDiscount(current, "LINE", "1.00")], discountTotal: amount("1.00"), tax: amount("0.90"), taxIncluded: false, taxEstimated: true, total: amount("9.90") },
      discountCodes: [],
    });
  });

  it("a code whose window has not started, or has ended, is refused and takes nothing off", async () => {
    const p = await createProduct(stack, 1000);
    const target = { kind: "PRODUCTS", productIds: [p] };
    const [early, late] = [newCode(), newCode()];
    await createPromotion(stack, admin, { code: early, target, action: { kind: "PERCENTAGE", basisPoints: 5000 }, startsAt: at(DAY) });
    await createPromotion(stack, admin, { code: late, target, action: { kind: "PERCENTAGE", basisPoints: 5000 }, endsAt: at(-DAY) });
    const token = await userToken();
    await fillCart(stack, token, [[p, 1]]);

    // A window not yet open answers as expired, like one that has closed.
    for (const code of [early, late]) {
      expect((await stack.query(APPLY, { code }, token)).data.applyDiscountCode.userErrors).toEqual([{ code: "DISCOUNT_CODE_EXPIRED", field: ["code"] }]);
    }
    // 10.00, no discount; tax 1.00; total 11.00.
    expect((await pricedCart(stack, token)).cost).toEqual({ subtotal: amount("10.00"), discounts: [], discountTotal: amount("0.00"), tax: amount("1.00"), taxIncluded: false, taxEstimated: true, total: amount("11.00") });
  });
});

describe("stacking", () => {
  /** 10% (priority 10) then 5.00 off (priority 20) on one product of 40.00, created in the other order. */
  async function stackablePair(p: string) {
    const target = { kind: "PRODUCTS", productIds: [p] };
    const fiveOff = await createPromotion(stack, admin, { target, action: { kind: "FIXED_AMOUNT", amount: "5.00" }, priority: 20 });
    const tenPercent = await createPromotion(stack, admin, { target, action: { kind: "PERCENTAGE", basisPoints: 1000 }, priority: 10 });
    return { tenPercent, fiveOff };
  }

  it("two stackable promotions both apply, in priority order, each on what the one before left", async () => {
    const p = await createProduct(stack, 4000);
    const { tenPercent, fiveOff } = await stackablePair(p);
    const token = await userToken();
    await fillCart(stack, token, [[p, 1]]);

    // 10% first: 4.00 off 40.00; then 5.00 off the 36.00 left: 9.00 in all (the other order
    // would give 5.00 + 3.50 = 8.50). Net 31.00; tax 3.10; total 34.10.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [
        pricedLine(p, 1, { unit: "40.00", subtotal: "40.00", discountTotal: "9.00", tax: "3.10", total: "34.10" }, [
          { title: tenPercent.title, amount: "4.00" },
          { title: fiveOff.title, amount: "5.00" },
        ]),
      ],
      cost: {
        subtotal: amount("40.00"),
        discounts: [cartDiscount(tenPercent, "LINE", "4.00"), cartDiscount(fiveOff, "LINE", "5.00")],
        discountTotal: amount("9.00"),
        tax: amount("3.10"),
        taxIncluded: false,
        taxEstimated: true,
        total: amount("34.10"),
      },
      discountCodes: [],
    });
  });

  it("an exclusive promotion that takes off more than the stackable set applies alone", async () => {
    const p = await createProduct(stack, 4000);
    await stackablePair(p);
    const exclusive = await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [p] }, action: { kind: "PERCENTAGE", basisPoints: 2500 }, stacking: "EXCLUSIVE", priority: 5 });
    const token = await userToken();
    await fillCart(stack, token, [[p, 1]]);

    // Stackable set: 9.00 (above). Exclusive 25% of 40.00 = 10.00 > 9.00: it alone.
    // Net 30.00; tax 3.00; total 33.00.
    expect(await pricedCart(stack, token)).toEqual({
      lines: [pricedLine(p, 1, { unit: "40.00", subtotal: "40.00", discountTotal: "10.00", tax: "3.00", total: "33.00" }, [{ title: exclusive.title, amount: "10.00" }])],
      cost: { subtotal: amount("40.00"), discounts: [cartDiscount(exclusive, "LINE", "10.00")], discountTotal: amount("10.00"), tax: amount("3.00"), taxIncluded: false, taxEstimated: true, total: amount("33.00") },
      discountCodes: [],
    });
  });

  it("an exclusive promotion that takes off less loses to the stackable set", async () => {
    const p = await createProduct(stack, 4000);
    const { tenPercent, fiveOff } = await stackablePair(p);
    await createPromotion(stack, admin, { target: { kind: "PRODUCTS", productIds: [p] }, action: { kind: "PERCENTAGE", basisPoints: 2000 }, stacking: "EXCLUSIVE", priority: 5 });
    const token = await userToken();
    await fillCart(stack, token, [[p, 1]]);

    // Exclusive 20% of 40.00 = 8.00 < 9.00 of the stackable set, which applies as above.
    const cart = await pricedCart(stack, token);
    expect(cart.cost).toEqual({
      subtotal: amount("40.00"),
      discounts: [cartDiscount(tenPercent, "LINE", "4.00"), cartDiscount(fiveOff, "LINE", "5.00")],
      discountTotal: amount("9.00"),
      tax: amount("3.10"),
      taxIncluded: false,
      taxEstimated: true,
      total: amount("34.10"),
    });
    expect(cart.lines[0].cost).toEqual({ amountPerQuantity: amount("40.00"), subtotal: amount("40.00"), discountTotal: amount("9.00"), tax: amount("3.10"), total: amount("34.10") });
  });
});
