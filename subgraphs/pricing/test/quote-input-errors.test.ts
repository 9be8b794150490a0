import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import { QuoteInputError, type QuoteInputErrorCode } from "../src/quote/quote.errors.js";
import type { QuoteInput } from "../src/quote/quote.types.js";
import { line, onProducts, percentOff, promotion, quoteInput, service, taxRate } from "./quote-fixtures.js";

function refusal(input: QuoteInput): QuoteInputErrorCode | "accepted" {
  try {
    computeQuote(input);
    return "accepted";
  } catch (error) {
    if (error instanceof QuoteInputError) return error.code;
    throw error;
  }
}

describe("input the engine refuses", () => {
  it("more than one currency", () => {
    expect(refusal(quoteInput({ lines: [line("a", 100), line("b", 100, 1, { currencyCode: "EUR" })] }))).toBe("CURRENCY_MISMATCH");
    expect(refusal(quoteInput({ lines: [line("a", 100)], shipping: { priceMinor: 500, currencyCode: "EUR" } }))).toBe("CURRENCY_MISMATCH");
  });

  it("a negative, fractional or oversized price", () => {
    expect(refusal(quoteInput({ lines: [line("a", -1)] }))).toBe("INVALID_AMOUNT");
    expect(refusal(quoteInput({ lines: [line("a", 9.99)] }))).toBe("INVALID_AMOUNT");
    expect(refusal(quoteInput({ lines: [line("a", 100_000_000)] }))).toBe("INVALID_AMOUNT");
    expect(refusal(quoteInput({ services: [service("s", -5)] }))).toBe("INVALID_AMOUNT");
  });

  it("a quantity that is not a positive integer", () => {
    expect(refusal(quoteInput({ lines: [line("a", 100, 1.5)] }))).toBe("INVALID_QUANTITY");
    expect(refusal(quoteInput({ lines: [line("a", 100, 0)] }))).toBe("INVALID_QUANTITY");
  });

  it("a service for a line the cart does not have, and two lines with one id", () => {
    expect(refusal(quoteInput({ lines: [line("a", 100)], services: [service("s", 100, 1, "nope")] }))).toBe("INVALID_REFERENCE");
    expect(refusal(quoteInput({ lines: [line("a", 100), line("a", 200)] }))).toBe("INVALID_REFERENCE");
  });

  it("malformed promotions and tax rates", () => {
    const lines = [line("a", 100)];
    expect(refusal(quoteInput({ lines, promotions: [promotion("p", { target: onProducts("product-a"), action: percentOff(10_001) })] }))).toBe("INVALID_PROMOTION");
    expect(refusal(quoteInput({ lines, promotions: [promotion("p", { target: onProducts("product-a"), action: { kind: "BUY_X_PAY_Y", buy: 3, pay: 3 } })] }))).toBe("INVALID_PROMOTION");
    const twoWithOneCode = [promotion("p", { target: onProducts("a"), action: percentOff(100) }, { code: "SAVE" }), promotion("q", { target: onProducts("a"), action: percentOff(100) }, { code: "save" })];
    expect(refusal(quoteInput({ lines, promotions: twoWithOneCode }))).toBe("INVALID_PROMOTION");
    const freeShippingOnProducts = { target: onProducts("product-a"), action: { kind: "FREE_SHIPPING" } } as unknown as Parameters<typeof promotion>[1];
    expect(refusal(quoteInput({ lines, promotions: [promotion("p", freeShippingOnProducts)] }))).toBe("INVALID_PROMOTION");
    expect(refusal(quoteInput({ lines, taxRates: [taxRate("PL", null, 1_000_001)] }))).toBe("INVALID_TAX_RATE");
    expect(refusal(quoteInput({ lines, taxRates: [taxRate("PL", null, 230_000), taxRate("PL", null, 80_000)] }))).toBe("INVALID_TAX_RATE");
  });

  it("an invalid instant", () => {
    expect(refusal(quoteInput({ at: new Date("not a date") }))).toBe("INVALID_DATE");
  });

  it("and accepts the largest price the shop takes", () => {
    expect(refusal(quoteInput({ lines: [line("a", 99_999_999, 999)] }))).toBe("accepted");
  });
});
