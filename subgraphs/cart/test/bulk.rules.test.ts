import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import type { ProductAvailability } from "../src/cart/cart.rules.js";
import { planBulkAdd } from "../src/cart/bulk.rules.js";

const products = new Map<string, ProductAvailability>([
  ["a", { id: "a", status: "ACTIVE", availableQuantity: 10 }],
  ["b", { id: "b", status: "ACTIVE", availableQuantity: 3 }],
  ["old", { id: "old", status: "DISCONTINUED", availableQuantity: 10 }],
]);

function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.errors.map((e) => [e.code, e.field?.join(".")]);
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("planBulkAdd", () => {
  it("sums repeats and lines already in the cart", () => {
    expect(planBulkAdd([{ productId: "a", quantity: 1 }], [{ productId: "a", quantity: 2 }, { productId: "b", quantity: 1 }, { productId: "a", quantity: 3 }], products)).toEqual([
      { productId: "a", added: 5, quantity: 6 },
      { productId: "b", added: 1, quantity: 1 },
    ]);
  });

  it("checks each line against the cart as the lines before it leave it", () => {
    expect(refusal(() => planBulkAdd([], [{ productId: "b", quantity: 2 }, { productId: "b", quantity: 2 }], products))).toEqual([["OUT_OF_STOCK", "lines.1.quantity"]]);
  });

  it("reports every failing line with its index", () => {
    expect(
      refusal(() => planBulkAdd([], [{ productId: "old", quantity: 1 }, { productId: "a", quantity: 1 }, { productId: "zzz", quantity: 1 }, { productId: "a", quantity: 1000 }], products)),
    ).toEqual([
      ["PRODUCT_UNAVAILABLE", "lines.0.productId"],
      ["PRODUCT_NOT_FOUND", "lines.2.productId"],
      ["INVALID_QUANTITY", "lines.3.quantity"],
    ]);
  });

  it("refuses an empty batch and one of more than 100 lines", () => {
    expect(refusal(() => planBulkAdd([], [], products))).toEqual([["INVALID_ARGUMENT", "lines"]]);
    const many = Array.from({ length: 101 }, () => ({ productId: "a", quantity: 1 }));
    expect(refusal(() => planBulkAdd([], many, products))).toEqual([["INVALID_ARGUMENT", "lines"]]);
  });
});
