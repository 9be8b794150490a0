import { describe, expect, it } from "vitest";
import type { ProductAvailability } from "../src/cart/cart.rules.js";
import { codesToMerge, planMerge } from "../src/cart/merge.rules.js";

const products = (...list: [string, number, ProductAvailability["status"]?][]) =>
  new Map(list.map(([id, availableQuantity, status = "ACTIVE"]) => [id, { id, availableQuantity, status }]));

describe("planMerge", () => {
  it("adds up the quantities of the same product and brings new lines along", () => {
    const plan = planMerge([{ productId: "a", quantity: 2 }], [{ productId: "a", quantity: 1 }, { productId: "b", quantity: 4 }], products(["a", 10], ["b", 10]));
    expect(plan).toEqual({ set: [{ productId: "a", quantity: 3 }, { productId: "b", quantity: 4 }], warnings: [] });
  });

  it("caps by stock and by the per-line limit, with a warning each", () => {
    const plan = planMerge([{ productId: "a", quantity: 2 }, { productId: "b", quantity: 990 }], [{ productId: "a", quantity: 5 }, { productId: "b", quantity: 20 }], products(["a", 4], ["b", 5000]));
    expect(plan.set).toEqual([{ productId: "a", quantity: 4 }, { productId: "b", quantity: 999 }]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["MERGE_QUANTITY_CAPPED", "MERGE_QUANTITY_CAPPED"]);
    expect(plan.warnings[0].message).toMatch(/capped at 4 by the available stock/);
    expect(plan.warnings[1].message).toMatch(/capped at 999 by the per-line limit/);
  });

  it("never lowers what the user already had", () => {
    const plan = planMerge([{ productId: "a", quantity: 8 }], [{ productId: "a", quantity: 1 }], products(["a", 5]));
    expect(plan.set).toEqual([]);
    expect(plan.warnings.map((w) => w.code)).toEqual(["MERGE_QUANTITY_CAPPED"]);
  });

  it("skips gone, discontinued and out-of-stock products, and lines beyond 100", () => {
    const full = Array.from({ length: 99 }, (_, i) => ({ productId: `u${i}`, quantity: 1 }));
    const plan = planMerge(
      full,
      [{ productId: "gone", quantity: 1 }, { productId: "old", quantity: 1 }, { productId: "empty", quantity: 1 }, { productId: "c", quantity: 1 }, { productId: "d", quantity: 1 }],
      products(["old", 5, "DISCONTINUED"], ["empty", 0], ["c", 5], ["d", 5]),
    );
    expect(plan.set).toEqual([{ productId: "c", quantity: 1 }]);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/gone was not merged: it could not be found/),
      expect.stringMatching(/old was not merged: it is discontinued/),
      expect.stringMatching(/empty was not merged: it is out of stock/),
      expect.stringMatching(/d was not merged: the cart already holds 100 lines/),
    ]);
  });
});

describe("codesToMerge", () => {
  it("brings the guest's codes the user does not hold, in the guest's order; one the user holds in another case stays as the user entered it", () => {
    const user = [{ code: "save10", codeKey: "save10" }];
    const guest = [
      { code: "FREESHIP", codeKey: "freeship" },
      { code: "SAVE10", codeKey: "save10" },
      { code: "Books5", codeKey: "books5" },
    ];
    expect(codesToMerge(user, guest).map((code) => code.code)).toEqual(["FREESHIP", "Books5"]);
    expect(codesToMerge([], [])).toEqual([]);
  });
});
