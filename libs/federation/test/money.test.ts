import { describe, expect, it } from "vitest";
import { formatMinor, multiplyMinor } from "../src/money.js";

describe("formatMinor", () => {
  it("writes minor units as a decimal string with the currency's digits", () => {
    expect(formatMinor(1999, "USD")).toBe("19.99");
    expect(formatMinor(5, "USD")).toBe("0.05");
    expect(formatMinor(0, "EUR")).toBe("0.00");
    expect(formatMinor(-250, "USD")).toBe("-2.50");
    expect(formatMinor(500, "JPY")).toBe("500");
    expect(formatMinor(1234, "KWD")).toBe("1.234");
  });

  it("is exact where floats are not", () => {
    expect(formatMinor(multiplyMinor(1999, 3), "USD")).toBe("59.97");
    expect(formatMinor(10 + 20, "USD")).toBe("0.30");
    expect(formatMinor(Number.MAX_SAFE_INTEGER, "USD")).toBe("90071992547409.91");
  });

  it("refuses products that leave the safe integer range", () => {
    expect(() => multiplyMinor(Number.MAX_SAFE_INTEGER, 2)).toThrow(RangeError);
  });
});

describe("parseAmount", () => {
  it("reads decimal strings into minor units, refusing anything else", async () => {
    const { parseAmount } = await import("../src/money.js");
    expect(parseAmount("19.99", "USD")).toBe(1999);
    expect(parseAmount("20", "USD")).toBe(2000);
    expect(parseAmount("0.5", "USD")).toBe(50);
    expect(parseAmount("500", "JPY")).toBe(500);
    for (const bad of ["", "-1", "1.999", "1e3", "abc", "1,00", " . "]) expect(parseAmount(bad, "USD")).toBeNull();
    expect(parseAmount("1.5", "JPY")).toBeNull();
  });
});
