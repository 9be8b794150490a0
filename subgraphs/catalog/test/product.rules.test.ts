import { describe, expect, it } from "vitest";
import { DomainError, type UserErrorData } from "@trolley/errors";
import { checkStockCoversReserved, checkStockOnHand, priceFromAmount } from "../src/product/product.rules.js";

const refusal = (fn: () => unknown): UserErrorData[] | null => {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
};

describe("product admin rules", () => {
  it("read a price as a decimal in the product's currency, up to the largest unit price", () => {
    expect(priceFromAmount("19.99", "USD")).toBe(1999);
    expect(priceFromAmount("7", "USD")).toBe(700);
    expect(priceFromAmount("999999.99", "USD")).toBe(99_999_999);
    for (const amount of ["-1", "1.234", "ten", ""]) {
      expect(refusal(() => priceFromAmount(amount, "USD"))).toEqual([
        { code: "INVALID_ARGUMENT", message: '`amount` must be a decimal such as "19.99" in USD.', field: ["amount"] },
      ]);
    }
    expect(refusal(() => priceFromAmount("1000000.00", "USD"))).toEqual([
      { code: "INVALID_ARGUMENT", message: "`amount` can be at most 999999.99 USD.", field: ["amount"] },
    ]);
  });

  it("take stock on hand from 0 to 10,000,000 units, and never below what orders reserved", () => {
    for (const quantity of [0, 1, 10_000_000]) expect(refusal(() => checkStockOnHand(quantity))).toBeNull();
    for (const quantity of [-1, 10_000_001, 2.5]) expect(refusal(() => checkStockOnHand(quantity))?.[0]?.code).toBe("INVALID_QUANTITY");
    expect(refusal(() => checkStockCoversReserved(3, 3))).toBeNull();
    expect(refusal(() => checkStockCoversReserved(2, 3))).toEqual([
      { code: "INVALID_QUANTITY", message: "3 units are reserved by orders; stock cannot go below that.", field: ["quantity"] },
    ]);
  });
});
