import { describe, expect, it } from "vitest";
import { DomainError, type UserErrorData } from "@trolley/errors";
import { checkStockCoversReserved, checkStockOnHand, checkWeight, priceFromAmount } from "../src/product/product.rules.js";

/** Matches the DomainError a refused rule throws, by its userErrors. */
const refusedWith = (...errors: UserErrorData[]) => expect.objectContaining({ name: DomainError.name, errors });
const refusedAmount = (message: string) => refusedWith({ code: "INVALID_ARGUMENT", message, field: ["amount"] });

describe("product admin rules", () => {
  it("read a price as a decimal in the product's currency, up to the largest unit price", () => {
    expect(priceFromAmount("19.99", "USD")).toBe(1999);
    expect(priceFromAmount("7", "USD")).toBe(700);
    expect(priceFromAmount("999999.99", "USD")).toBe(99_999_999);
    for (const amount of ["-1", "1.234", "ten", ""]) {
      expect(() => priceFromAmount(amount, "USD")).toThrow(refusedAmount('`amount` must be a decimal such as "19.99" in USD.'));
    }
    expect(() => priceFromAmount("1000000.00", "USD")).toThrow(refusedAmount("`amount` can be at most 999999.99 USD."));
  });

  it("take stock on hand from 0 to 10,000,000 units, and never below what orders reserved", () => {
    for (const quantity of [0, 1, 10_000_000]) expect(() => checkStockOnHand(quantity)).not.toThrow();
    for (const quantity of [-1, 10_000_001, 2.5]) {
      expect(() => checkStockOnHand(quantity)).toThrow(refusedWith({ code: "INVALID_QUANTITY", message: "Stock must be a whole number from 0 to 10,000,000.", field: ["quantity"] }));
    }
    expect(() => checkStockCoversReserved(3, 3)).not.toThrow();
    expect(() => checkStockCoversReserved(2, 3)).toThrow(
      refusedWith({ code: "INVALID_QUANTITY", message: "3 units are reserved by orders; stock cannot go below that.", field: ["quantity"] }),
    );
  });

  it("take a weight in whole grams from 0 (not known yet) to a tonne", () => {
    for (const grams of [0, 1, 72_000, 1_000_000]) expect(() => checkWeight(grams)).not.toThrow();
    for (const grams of [-1, 1_000_001, 0.5, Number.NaN]) {
      expect(() => checkWeight(grams)).toThrow(
        refusedWith({ code: "INVALID_WEIGHT", message: "Weight must be a whole number of grams from 0 to 1,000,000.", field: ["weightGrams"] }),
      );
    }
  });
});
