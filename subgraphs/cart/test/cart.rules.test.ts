import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import { checkProductFor, checkQuantity, checkRoomForNewLine, quantityAfterAdding, type ProductAvailability } from "../src/cart/cart.rules.js";

const codeOf = (fn: () => void) => {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
};

const product = (over: Partial<ProductAvailability> = {}): ProductAvailability => ({ id: "p", status: "ACTIVE", availableQuantity: 10, ...over });

describe("cart rules", () => {
  it("take quantities from 1 to 999, and 0 only when updating", () => {
    expect(codeOf(() => checkQuantity(1, { allowZero: false }))).toBeNull();
    expect(codeOf(() => checkQuantity(999, { allowZero: false }))).toBeNull();
    expect(codeOf(() => checkQuantity(0, { allowZero: true }))).toBeNull();
    for (const bad of [0, -1, 1000, 1.5, Number.NaN]) expect(codeOf(() => checkQuantity(bad, { allowZero: false }))).toBe("INVALID_QUANTITY");
    expect(codeOf(() => checkQuantity(-1, { allowZero: true }))).toBe("INVALID_QUANTITY");
  });

  it("sum re-added quantities up to 999 per line", () => {
    expect(quantityAfterAdding(2, 1)).toBe(3);
    expect(quantityAfterAdding(998, 1)).toBe(999);
    expect(codeOf(() => quantityAfterAdding(998, 2))).toBe("INVALID_QUANTITY");
  });

  it("hold at most 100 lines", () => {
    expect(codeOf(() => checkRoomForNewLine(99))).toBeNull();
    expect(codeOf(() => checkRoomForNewLine(100))).toBe("CART_LIMIT_EXCEEDED");
  });

  it("refuse unknown, discontinued and insufficiently stocked products", () => {
    expect(codeOf(() => checkProductFor("p", product(), 10))).toBeNull();
    expect(codeOf(() => checkProductFor("p", null, 1))).toBe("PRODUCT_NOT_FOUND");
    expect(codeOf(() => checkProductFor("p", product({ status: "DISCONTINUED" }), 1))).toBe("PRODUCT_UNAVAILABLE");
    expect(codeOf(() => checkProductFor("p", product(), 11))).toBe("OUT_OF_STOCK");
    expect(codeOf(() => checkProductFor("p", product({ availableQuantity: 0 }), 1))).toBe("OUT_OF_STOCK");
  });
});
