import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import { fixedOff, line, onCategory, onProducts, percentOff, promotion, quoteInput } from "./quote-fixtures.js";

const lineDiscounts = (quote: ReturnType<typeof computeQuote>) => quote.lines.map((l) => l.discountTotalMinor);

describe("a percentage off products", () => {
  it("is taken once on the eligible sum and allocated, so no cent is lost or made up", () => {
    // Three lines of 0.05: 10% of 0.15 = 1.5 cents -> 2 (half-even), allocated 5:5:5 = 0.667 each:
    // floors 0, 0, 0, two cents left, equal remainders -> the first two lines: 1, 1, 0.
    // Per line it would be 0.5 cent each: 0 (half-even) or 3 (half-up), both wrong.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 5), line("b", 5), line("c", 5)],
      promotions: [promotion("p", { target: onProducts("product-a", "product-b", "product-c"), action: percentOff(1000) })],
    }));
    expect(lineDiscounts(quote)).toEqual([1, 1, 0]);
    expect(quote.discounts).toEqual([{ promotionId: "p", code: null, title: "Promotion p", target: "LINE", amountMinor: 2 }]);
    expect(quote.discountTotalMinor).toBe(2);
    // 15 - 2 = 13; line totals 5 - 1, 5 - 1, 5 - 0.
    expect(quote.totalMinor).toBe(13);
    expect(quote.lines.map((l) => l.totalMinor)).toEqual([4, 4, 5]);
  });
});

describe("a percentage off a category", () => {
  it("reaches only the lines in that category", () => {
    // Games: a 10.00 and c 30.00 = 40.00; 25% = 10.00, allocated 1000:3000 -> 2.50 and 7.50.
    // b (books) and d (no category) pay in full. Subtotal 10 + 20 + 30 + 5 = 65.00, total 55.00.
    const quote = computeQuote(quoteInput({
      lines: [
        line("a", 1000, 1, { categoryIds: ["games"] }),
        line("b", 2000, 1, { categoryIds: ["books"] }),
        line("c", 1000, 3, { categoryIds: ["sale", "games"] }),
        line("d", 500, 1),
      ],
      promotions: [promotion("games", { target: onCategory("games"), action: percentOff(2500) })],
    }));
    expect(lineDiscounts(quote)).toEqual([250, 0, 750, 0]);
    expect(quote.subtotalMinor).toBe(6500);
    expect(quote.totalMinor).toBe(5500);
  });
});

describe("a fixed amount off products", () => {
  it("is capped at the eligible amount", () => {
    // 20.00 off a (5.00) and b (7.00): only 12.00 is eligible, so 12.00 comes off, all of each line.
    // c (10.00) is not eligible. Subtotal 22.00, total 10.00.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 500), line("b", 700), line("c", 1000)],
      promotions: [promotion("p", { target: onProducts("product-a", "product-b"), action: fixedOff(2000) })],
    }));
    expect(lineDiscounts(quote)).toEqual([500, 700, 0]);
    expect(quote.discounts[0].amountMinor).toBe(1200);
    expect(quote.totalMinor).toBe(1000);
  });

  it("is allocated by largest remainder, a tie to the earlier line", () => {
    // 1.00 over three lines of 2.00: 33.33 each; floors 99, the left-over cent to the first line.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 200), line("b", 200), line("c", 200)],
      promotions: [promotion("p", { target: onProducts("product-a", "product-b", "product-c"), action: fixedOff(100) })],
    }));
    expect(lineDiscounts(quote)).toEqual([34, 33, 33]);
  });
});

describe("line promotions one after another", () => {
  it("apply by priority, each on what the lines have left, never past the subtotal", () => {
    // a = 10.00. First (priority 1): 8.00 off -> 2.00 left. Then (priority 2): 50% of the 2.00 left
    // = 1.00 (on the subtotal it would be 5.00). Then (priority 3): 5.00 off, capped at the 1.00 left.
    // Together 10.00: the whole line, not more.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 1000)],
      promotions: [
        promotion("half", { target: onProducts("product-a"), action: percentOff(5000) }, { priority: 2 }),
        promotion("eight", { target: onProducts("product-a"), action: fixedOff(800) }, { priority: 1 }),
        promotion("five", { target: onProducts("product-a"), action: fixedOff(500) }, { priority: 3 }),
      ],
    }));
    expect(quote.lines[0].discounts.map((d) => [d.promotionId, d.amountMinor])).toEqual([["eight", 800], ["half", 100], ["five", 100]]);
    expect(quote.lines[0].discountTotalMinor).toBe(1000);
    expect(quote.totalMinor).toBe(0);
  });

  it("cap a unit promotion at what an earlier one left of the line", () => {
    // a 10.00 × 3. 25.00 off first leaves 5.00; buy 3 pay 2 would free a 10.00 unit, capped at 5.00.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 1000, 3)],
      promotions: [
        promotion("off", { target: onProducts("product-a"), action: fixedOff(2500) }, { priority: 1 }),
        promotion("3for2", { target: onProducts("product-a"), action: { kind: "BUY_X_PAY_Y", buy: 3, pay: 2 } }, { priority: 2 }),
      ],
    }));
    expect(quote.lines[0].discounts.map((d) => d.amountMinor)).toEqual([2500, 500]);
    expect(quote.totalMinor).toBe(0);
  });

  it("judge their minimum subtotal on the goods before any discount", () => {
    // Goods 20.00. "off-a" takes 5.00 first; "ten-b" needs 20.00 and is judged on the 20.00 before
    // that discount (not the 15.00 after): 10% of b's 10.00 = 1.00. "rich" needs 20.01: not met.
    const quote = computeQuote(quoteInput({
      lines: [line("a", 1000), line("b", 1000)],
      promotions: [
        promotion("off-a", { target: onProducts("product-a"), action: fixedOff(500) }, { priority: 1 }),
        promotion("ten-b", { target: onProducts("product-b"), action: percentOff(1000) }, { priority: 2, conditions: { minSubtotalMinor: 2000 } }),
        promotion("rich", { target: onProducts("product-b"), action: percentOff(5000) }, { priority: 3, conditions: { minSubtotalMinor: 2001 } }),
      ],
    }));
    expect(quote.discounts.map((d) => [d.promotionId, d.amountMinor])).toEqual([["off-a", 500], ["ten-b", 100]]);
  });
});
