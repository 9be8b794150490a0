import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import type { Promotion } from "../src/quote/promotion.types.js";
import { fixedOff, line, onProducts, percentOff, promotion, quoteInput } from "./quote-fixtures.js";

const onOrder = { kind: "ORDER" as const };
const onShipping = { kind: "SHIPPING" as const };
const freeShippingOver = (minSubtotalMinor: number): Promotion =>
  promotion("free-ship", { target: onShipping, action: { kind: "FREE_SHIPPING" } }, { conditions: { minSubtotalMinor } });
const shipping = (priceMinor: number) => ({ priceMinor, currencyCode: "USD" });

describe("order promotions", () => {
  // a 10.00 with 10% off (1.00) -> 9.00 left; b 30.00; c 20.00. Goods net after line discounts 59.00.
  const lines = [line("a", 1000), line("b", 3000), line("c", 2000)];
  const tenOffA = promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) }, { priority: 1 });

  it("come after line discounts, are allocated to lines for tax, and stay out of the lines' discountTotal", () => {
    // 1.00 off the order over 900:3000:2000 (sum 5900): exact 15.25, 50.85, 33.90; floors 15 + 50 + 33
    // = 98; two cents left, to the largest remainders: c (0.90) and b (0.85) -> 15, 51, 34.
    // discountTotal 1.00 (line) + 1.00 (order) = 2.00; total 60.00 - 2.00 = 58.00.
    const quote = computeQuote(quoteInput({ lines, promotions: [tenOffA, promotion("order", { target: onOrder, action: fixedOff(100) })] }));
    expect(quote.lines.map((l) => l.orderDiscountShareMinor)).toEqual([15, 51, 34]);
    expect(quote.lines.map((l) => l.discountTotalMinor)).toEqual([100, 0, 0]);
    expect(quote.discounts.map((d) => [d.target, d.amountMinor])).toEqual([["LINE", 100], ["ORDER", 100]]);
    expect(quote.discountTotalMinor).toBe(200);
    expect(quote.totalMinor).toBe(5800);
  });

  it("take a percentage of the goods net after line discounts", () => {
    // 10% of 59.00 = 5.90 (on the 60.00 subtotal it would be 6.00).
    const quote = computeQuote(quoteInput({ lines, promotions: [tenOffA, promotion("order", { target: onOrder, action: percentOff(1000) })] }));
    expect(quote.discounts[1]).toMatchObject({ target: "ORDER", amountMinor: 590 });
  });

  it("judge their minimum on the goods after line discounts", () => {
    // Subtotal 60.00 but 59.00 after line discounts: a 60.00 minimum is not met, a 59.00 one is.
    const needs = (minSubtotalMinor: number) =>
      computeQuote(quoteInput({ lines, promotions: [tenOffA, promotion("order", { target: onOrder, action: fixedOff(500) }, { conditions: { minSubtotalMinor } })] }));
    expect(needs(6000).discountTotalMinor).toBe(100);
    expect(needs(5900).discountTotalMinor).toBe(600);
  });
});

describe("shipping promotions", () => {
  // a 55.00; shipping 7.00; free shipping from 50.00, judged after line discounts.
  const withLineDiscount = (lineDiscountMinor: number) =>
    computeQuote(quoteInput({
      lines: [line("a", 5500)],
      shipping: shipping(700),
      promotions: [promotion("off-a", { target: onProducts("product-a"), action: fixedOff(lineDiscountMinor) }), freeShippingOver(5000)],
    }));

  it("free shipping at exactly the threshold after line discounts", () => {
    // 55.00 - 5.00 = 50.00: free. total 55.00 + 7.00 - 5.00 - 7.00 = 50.00; shipping stays 7.00.
    const quote = withLineDiscount(500);
    expect(quote.shippingMinor).toBe(700);
    expect(quote.discounts.map((d) => [d.target, d.amountMinor])).toEqual([["LINE", 500], ["SHIPPING", 700]]);
    expect(quote.totalMinor).toBe(5000);
  });

  it("no free shipping one cent below it, though the subtotal before discounts is above", () => {
    // 55.00 - 5.01 = 49.99 < 50.00: shipping is paid. total 55.00 + 7.00 - 5.01 = 56.99.
    const quote = withLineDiscount(501);
    expect(quote.discounts.map((d) => d.target)).toEqual(["LINE"]);
    expect(quote.totalMinor).toBe(5699);
  });

  it("a percentage off shipping, rounded half-even", () => {
    // 50% of 9.99 = 4.995 -> 5.00 (499.5 cents, to the even 500).
    const quote = computeQuote(quoteInput({
      lines: [line("a", 1000)],
      shipping: shipping(999),
      promotions: [promotion("half-ship", { target: onShipping, action: percentOff(5000) })],
    }));
    expect(quote.discounts).toEqual([{ promotionId: "half-ship", code: null, title: "Promotion half-ship", target: "SHIPPING", amountMinor: 500 }]);
    // 10.00 + 9.99 - 5.00 = 14.99
    expect(quote.totalMinor).toBe(1499);
  });

  it("take nothing before a shipping option is selected", () => {
    const quote = computeQuote(quoteInput({ lines: [line("a", 6000)], promotions: [freeShippingOver(5000)] }));
    expect(quote.shippingMinor).toBeNull();
    expect(quote.discounts).toEqual([]);
    expect(quote.totalMinor).toBe(6000);
  });
});
