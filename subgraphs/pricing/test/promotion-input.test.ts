// What an admin writes as a promotion, read into the engine's rules: amounts in the shop's
// currency, each action with its own fields, and every problem named by its input field.
import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import { promotionFromInput } from "../src/promotions/promotion-input.rules.js";
import { PromotionActionKind, PromotionStacking, PromotionTargetKind, type PromotionInput } from "../src/promotions/promotion.type.js";

const input = (fields: Partial<PromotionInput>): PromotionInput => ({
  title: "Free shipping over $75",
  target: { kind: PromotionTargetKind.SHIPPING },
  action: { kind: PromotionActionKind.FREE_SHIPPING },
  stacking: PromotionStacking.STACKABLE,
  priority: 100,
  ...fields,
});

const problems = (fields: Partial<PromotionInput>) => {
  try {
    promotionFromInput(input(fields), "USD");
  } catch (error) {
    if (error instanceof DomainError) return error.errors.map((e) => `${e.code} ${e.field?.join(".")}`);
    throw error;
  }
  return [];
};

describe("a promotion from the admin's input", () => {
  it("reads amounts in the shop's currency and trims the title and code", () => {
    expect(promotionFromInput(input({ title: "  Free shipping  ", code: " SHIPFREE ", minSubtotal: "75.00" }), "USD")).toEqual({
      title: "Free shipping",
      code: "SHIPFREE",
      target: { kind: "SHIPPING" },
      action: { kind: "FREE_SHIPPING" },
      conditions: { minSubtotalMinor: 7500 },
      startsAt: null,
      endsAt: null,
      stacking: "STACKABLE",
      priority: 100,
      usageLimit: null,
      perCustomerLimit: null,
    });
    const fixed = promotionFromInput(input({ target: { kind: PromotionTargetKind.ORDER }, action: { kind: PromotionActionKind.FIXED_AMOUNT, amount: "5" } }), "USD");
    expect(fixed.action).toEqual({ kind: "FIXED_AMOUNT", amountMinor: 500 });
    const yen = promotionFromInput(input({ target: { kind: PromotionTargetKind.ORDER }, action: { kind: PromotionActionKind.FIXED_AMOUNT, amount: "500" } }), "JPY");
    expect(yen.action).toEqual({ kind: "FIXED_AMOUNT", amountMinor: 500 });
  });

  it("keeps each target's ids once, and refuses ids a target does not take", () => {
    const products = promotionFromInput(input({ target: { kind: PromotionTargetKind.PRODUCTS, productIds: ["a", "b", "a"] }, action: { kind: PromotionActionKind.PERCENTAGE, basisPoints: 1500 } }), "USD");
    expect(products.target).toEqual({ kind: "PRODUCTS", productIds: ["a", "b"] });
    expect(problems({ target: { kind: PromotionTargetKind.CATEGORY, categoryIds: [], productIds: ["a"] }, action: { kind: PromotionActionKind.PERCENTAGE, basisPoints: 100 } })).toEqual([
      "INVALID_ARGUMENT input.target.productIds",
      "INVALID_ARGUMENT input.target.categoryIds",
    ]);
  });

  it("names every problem: amounts, rates, counts, window and an action that does not fit its target", () => {
    expect(
      problems({
        target: { kind: PromotionTargetKind.SHIPPING },
        action: { kind: PromotionActionKind.NTH_UNIT_PERCENT, nth: 1, basisPoints: 10_001 },
        minSubtotal: "75.001",
        startsAt: new Date("2027-01-02"),
        endsAt: new Date("2027-01-01"),
        priority: -1,
        perCustomerLimit: 0,
      }),
    ).toEqual([
      "INVALID_ARGUMENT input.action.nth",
      "INVALID_ARGUMENT input.action.basisPoints",
      "INVALID_ARGUMENT input.action.kind",
      "INVALID_ARGUMENT input.minSubtotal",
      "INVALID_ARGUMENT input.endsAt",
      "INVALID_ARGUMENT input.priority",
      "INVALID_ARGUMENT input.perCustomerLimit",
    ]);
    expect(problems({ target: { kind: PromotionTargetKind.ORDER }, action: { kind: PromotionActionKind.FIXED_AMOUNT, amount: "-1.00" } })).toEqual(["INVALID_ARGUMENT input.action.amount"]);
  });
});
