import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import type { Promotion } from "../src/quote/promotion.types.js";
import { fixedOff, line, onProducts, percentOff, promotion, quoteInput } from "./quote-fixtures.js";

const onOrder = { kind: "ORDER" as const };
// a 100.00. Stackable together: 10% off a (10.00) + 5.00 off the order = 15.00.
const stackables: Promotion[] = [
  promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) }),
  promotion("five-off", { target: onOrder, action: fixedOff(500) }),
];
const exclusiveOrderPercent = (id: string, basisPoints: number, extra: Partial<Promotion> = {}) =>
  promotion(id, { target: onOrder, action: percentOff(basisPoints) }, { stacking: "EXCLUSIVE", ...extra });
const quoteWith = (...promotions: Promotion[]) => computeQuote(quoteInput({ lines: [line("a", 10000)], promotions }));
const applied = (promotions: Promotion[]) => quoteWith(...promotions).discounts.map((d) => [d.promotionId, d.amountMinor]);

describe("stackable and exclusive promotions", () => {
  it("an exclusive alone wins when it takes off more than the stackable set", () => {
    // 20% of 100.00 = 20.00 > 15.00.
    expect(applied([...stackables, exclusiveOrderPercent("twenty", 2000)])).toEqual([["twenty", 2000]]);
    expect(quoteWith(...stackables, exclusiveOrderPercent("twenty", 2000)).totalMinor).toBe(8000);
  });

  it("the stackable set wins when it takes off more than any exclusive", () => {
    // 10% = 10.00 < 15.00.
    expect(applied([...stackables, exclusiveOrderPercent("ten", 1000)])).toEqual([["ten-a", 1000], ["five-off", 500]]);
  });

  it("a tie goes to the stackable set", () => {
    // 15% = 15.00 = 15.00.
    expect(applied([...stackables, exclusiveOrderPercent("fifteen", 1500)])).toEqual([["ten-a", 1000], ["five-off", 500]]);
  });

  it("between exclusives that tie, the first by priority", () => {
    // Both take 20.00; "later" is listed first but has priority 5 against "sooner"'s 1.
    const later = exclusiveOrderPercent("later", 2000, { priority: 5 });
    const sooner = promotion("sooner", { target: onOrder, action: fixedOff(2000) }, { stacking: "EXCLUSIVE", priority: 1 });
    expect(applied([later, sooner])).toEqual([["sooner", 2000]]);
  });

  it("tells a held code that lost to a better offer it was not chosen", () => {
    const code = exclusiveOrderPercent("ten", 1000, { code: "TEN" });
    const quote = computeQuote(quoteInput({ lines: [line("a", 10000)], promotions: [...stackables, code], codes: ["TEN"] }));
    expect(quote.codes).toEqual([{ code: "TEN", applicable: false, promotionId: "ten", reason: "NOT_CHOSEN" }]);
  });
});
