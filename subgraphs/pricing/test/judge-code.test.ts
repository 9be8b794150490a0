import { describe, expect, it } from "vitest";
import { judgeCode } from "../src/quote/judge-code.js";
import type { Promotion } from "../src/quote/promotion.types.js";
import { line, NOW, onProducts, percentOff, promotion, quoteInput } from "./quote-fixtures.js";

const onOrder = { kind: "ORDER" as const };
const promotions: Promotion[] = [
  promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) }, { code: "TENA" }),
  promotion("big", { target: onOrder, action: percentOff(1000) }, { code: "BIG", conditions: { minSubtotalMinor: 10000 } }),
  promotion("z", { target: onProducts("product-z"), action: percentOff(1000) }, { code: "ZED" }),
  promotion("over", { target: onOrder, action: percentOff(1000) }, { code: "OVER", endsAt: NOW }),
  promotion("soon", { target: onOrder, action: percentOff(1000) }, { code: "SOON", startsAt: new Date(NOW.getTime() + 1) }),
  promotion("ship", { target: { kind: "SHIPPING" }, action: { kind: "FREE_SHIPPING" } }, { code: "SHIPFREE", conditions: { minSubtotalMinor: 5000 } }),
  promotion("small", { target: onOrder, action: percentOff(500) }, { code: "SMALL", stacking: "EXCLUSIVE" }),
];
// a 60.00: under BIG's 100.00 minimum, over SHIPFREE's 50.00; no shipping selected yet.
const cart = quoteInput({ lines: [line("a", 6000)], promotions });

describe("judgeCode", () => {
  it("OK for a code that applies, matched case-insensitively", () => {
    expect(judgeCode("tena", cart)).toEqual({ answer: "OK", promotionId: "ten-a" });
  });

  it("INVALID for a code no promotion has", () => {
    expect(judgeCode("NOPE", cart)).toEqual({ answer: "INVALID", promotionId: null });
  });

  it("EXPIRED once the window is over, and before it starts", () => {
    expect(judgeCode("OVER", cart)).toEqual({ answer: "EXPIRED", promotionId: "over" });
    expect(judgeCode("SOON", cart)).toEqual({ answer: "EXPIRED", promotionId: "soon" });
  });

  it("NOT_APPLICABLE when this cart misses its conditions or it would take nothing off", () => {
    expect(judgeCode("BIG", cart)).toEqual({ answer: "NOT_APPLICABLE", promotionId: "big" });
    expect(judgeCode("ZED", cart)).toEqual({ answer: "NOT_APPLICABLE", promotionId: "z" });
  });

  it("OK for free shipping that qualifies before a shipping option is selected", () => {
    expect(judgeCode("SHIPFREE", cart)).toEqual({ answer: "OK", promotionId: "ship" });
    const small = quoteInput({ lines: [line("a", 4999)], promotions });
    expect(judgeCode("SHIPFREE", small)).toEqual({ answer: "NOT_APPLICABLE", promotionId: "ship" });
  });

  it("OK for a qualifying code that a better exclusive offer beats for now", () => {
    // SMALL (5% = 3.00) loses to an automatic exclusive 20% (12.00) but is a valid code for this cart.
    const automatic = promotion("auto", { target: onOrder, action: percentOff(2000) }, { stacking: "EXCLUSIVE" });
    expect(judgeCode("SMALL", { ...cart, promotions: [...promotions, automatic] })).toEqual({ answer: "OK", promotionId: "small" });
  });
});
