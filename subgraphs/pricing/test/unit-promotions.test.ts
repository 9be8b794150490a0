import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import type { Promotion } from "../src/quote/promotion.types.js";
import { line, onProducts, promotion, quoteInput } from "./quote-fixtures.js";

const buy = (x: number, pay: number, ...productIds: string[]): Promotion =>
  promotion(`buy${x}pay${pay}`, { target: onProducts(...productIds), action: { kind: "BUY_X_PAY_Y", buy: x, pay } });

describe("buy X pay Y", () => {
  it("buy 3 pay 2 across two products: the cheapest unit of the group is free", () => {
    // b 15.00 × 1 (first line), a 20.00 × 2. Pooled dearest first: 20, 20, 15 -> one group of 3,
    // its cheapest unit free: 15.00, on b. Subtotal 15 + 40 = 55.00, total 40.00.
    const quote = computeQuote(quoteInput({
      lines: [line("b", 1500), line("a", 2000, 2)],
      promotions: [buy(3, 2, "product-a", "product-b")],
    }));
    expect(quote.lines.map((l) => l.discountTotalMinor)).toEqual([1500, 0]);
    expect(quote.totalMinor).toBe(4000);
  });

  it("buy 4 pay 3 with 7 units: one full group, dearest first; the 3 left over pay in full", () => {
    // a 10.00 × 3, b 5.00 × 2, c 7.00 × 2. Dearest first: 10, 10, 10, 7 | 7, 5, 5.
    // The full group's cheapest unit (7.00, c) is free; the group of 3 is not full.
    // In line order (10, 10, 10, 5 | ...) it would be a 5.00 off b instead.
    // Subtotal 30 + 10 + 14 = 54.00, total 47.00.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 1000, 3), line("b", 500, 2), line("c", 700, 2)],
      promotions: [buy(4, 3, "product-a", "product-b", "product-c")],
    }));
    expect(quote.lines.map((l) => l.discountTotalMinor)).toEqual([0, 0, 700]);
    expect(quote.discountTotalMinor).toBe(700);
    expect(quote.totalMinor).toBe(4700);
  });

  it("gives two free units from two full groups and ignores lines it does not cover", () => {
    // a 3.00 × 6 covered, d 1.00 × 3 not. 6 units = two groups of 3: two units free = 6.00.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 300, 6), line("d", 100, 3)],
      promotions: [buy(3, 2, "product-a")],
    }));
    expect(quote.lines.map((l) => l.discountTotalMinor)).toEqual([600, 0]);
  });
});

describe("nth unit at a percentage off", () => {
  it("second unit at 50% with odd quantities: floor(quantity / 2) units per line, the percentage once", () => {
    // a 9.99 × 3 -> 1 discounted unit (9.99); b 6.00 × 5 -> 2 units (12.00); c 4.00 × 1 -> none.
    // 50% of 9.99 + 12.00 = 21.99 -> 10.995 -> 11.00 (1099.5 cents, half-even to the even 1100).
    // Allocated 999:1200 (sum 2199): 1100×999/2199 = 499.73, 1100×1200/2199 = 600.27;
    // floors 499 + 600 = 1099, the cent left to a (remainder 0.73 > 0.27): 5.00 and 6.00.
    // Subtotal 29.97 + 30.00 + 4.00 = 63.97, total 52.97.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 999, 3), line("b", 600, 5), line("c", 400, 1)],
      promotions: [promotion("second-half", { target: onProducts("product-a", "product-b", "product-c"), action: { kind: "NTH_UNIT_PERCENT", nth: 2, basisPoints: 5000 } })],
    }));
    expect(quote.lines.map((l) => l.discountTotalMinor)).toEqual([500, 600, 0]);
    expect(quote.discounts[0].amountMinor).toBe(1100);
    expect(quote.totalMinor).toBe(5297);
  });

  it("takes the percentage once over all lines' discounted units, not per line", () => {
    // Three lines of 0.05 × 2, every 2nd unit 10% off: one unit each, 0.15 in all -> 1.5 cents
    // -> 2 (half-even), allocated 5:5:5 -> 1, 1, 0. Per line it would be 0.5 cent each: 0 or 3.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 5, 2), line("b", 5, 2), line("c", 5, 2)],
      promotions: [promotion("second-ten", { target: onProducts("product-a", "product-b", "product-c"), action: { kind: "NTH_UNIT_PERCENT", nth: 2, basisPoints: 1000 } })],
    }));
    expect(quote.lines.map((l) => l.discountTotalMinor)).toEqual([1, 1, 0]);
  });
});
