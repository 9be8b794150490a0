import { describe, expect, it } from "vitest";
import { divideHalfEven, percentOfHalfEven, scaleHalfEven } from "../src/quote/rounding.js";

describe("divideHalfEven", () => {
  it("rounds an exact half to the even neighbour, up or down", () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n); // 2.5 -> 2 (even)
    expect(divideHalfEven(7n, 2n)).toBe(4n); // 3.5 -> 4 (even)
    expect(divideHalfEven(-5n, 2n)).toBe(-2n); // -2.5 -> -2, symmetric
  });

  it("rounds anything off the half to the nearest", () => {
    expect(divideHalfEven(251n, 100n)).toBe(3n); // 2.51 -> 3
    expect(divideHalfEven(249n, 100n)).toBe(2n); // 2.49 -> 2
    expect(divideHalfEven(12n, 4n)).toBe(3n); // exact
  });

  it("refuses a zero denominator", () => {
    expect(() => divideHalfEven(1n, 0n)).toThrow(RangeError);
  });
});

describe("percentOfHalfEven", () => {
  it("takes basis points of an amount once, half-even", () => {
    expect(percentOfHalfEven(15, 1000)).toBe(2); // 10% of 0.15 = 1.5 cents -> 2 (even)
    expect(percentOfHalfEven(25, 1000)).toBe(2); // 10% of 0.25 = 2.5 cents -> 2 (even)
    expect(percentOfHalfEven(999, 5000)).toBe(500); // 50% of 9.99 = 499.5 -> 500 (even)
  });

  it("stays exact past 2^53 in the intermediate product", () => {
    // 9_000_000_000_000 × 999_999 = 8_999_991_000_000_000_000 > 2^53; / 1_000_000 = 8_999_991_000_000 exactly.
    expect(scaleHalfEven(9_000_000_000_000, 999_999, 1_000_000)).toBe(8_999_991_000_000);
  });
});
