import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import type { Promotion } from "../src/quote/promotion.types.js";
import { line, NOW, onProducts, percentOff, promotion, quoteInput } from "./quote-fixtures.js";

const ms = (offset: number) => new Date(NOW.getTime() + offset);
const tenOffA = (extra: Partial<Promotion> = {}) => promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) }, extra);
// a 10.00: the promotion, when in effect, takes 1.00.
const takes = (promotionToTest: Promotion) => computeQuote(quoteInput({ lines: [line("a", 1000)], promotions: [promotionToTest] })).discountTotalMinor;

describe("validity windows: startsAt inclusive, endsAt exclusive", () => {
  it("is in effect from the very instant it starts", () => {
    expect(takes(tenOffA({ startsAt: NOW }))).toBe(100);
    expect(takes(tenOffA({ startsAt: ms(1) }))).toBe(0);
  });

  it("is over at the very instant it ends", () => {
    expect(takes(tenOffA({ endsAt: NOW }))).toBe(0);
    expect(takes(tenOffA({ endsAt: ms(1) }))).toBe(100);
  });
});

describe("held codes", () => {
  const promotions = [
    tenOffA({ code: "SAVE10" }),
    tenOffA({ id: "soon", code: "SOON", startsAt: ms(1) }),
    tenOffA({ id: "gone", code: "GONE", endsAt: NOW }),
    promotion("other", { target: onProducts("product-z"), action: percentOff(1000) }, { code: "ZED" }),
  ];

  it("match case-insensitively and keep the code as entered", () => {
    const quote = computeQuote(quoteInput({ lines: [line("a", 1000)], promotions, codes: ["save10"] }));
    expect(quote.codes).toEqual([{ code: "save10", applicable: true, promotionId: "ten-a" }]);
    expect(quote.discounts).toEqual([{ promotionId: "ten-a", code: "save10", title: "Promotion ten-a", target: "LINE", amountMinor: 100 }]);
    expect(quote.lines[0].discounts).toEqual([{ promotionId: "ten-a", code: "save10", title: "Promotion ten-a", amountMinor: 100 }]);
  });

  it("say why each one that does not apply does not", () => {
    const quote = computeQuote(quoteInput({ lines: [line("a", 1000)], promotions, codes: ["NOPE", "Soon", "gone", "zed"] }));
    expect(quote.codes).toEqual([
      { code: "NOPE", applicable: false, promotionId: null, reason: "UNKNOWN" },
      { code: "Soon", applicable: false, promotionId: "soon", reason: "NOT_STARTED" },
      { code: "gone", applicable: false, promotionId: "gone", reason: "EXPIRED" },
      // Its product is not in the cart: it would take nothing off.
      { code: "zed", applicable: false, promotionId: "other", reason: "CONDITIONS_NOT_MET" },
    ]);
    expect(quote.discountTotalMinor).toBe(0);
  });

  it("a promotion with a code does nothing until the cart holds the code", () => {
    expect(takes(tenOffA({ code: "SAVE10" }))).toBe(0);
  });
});
