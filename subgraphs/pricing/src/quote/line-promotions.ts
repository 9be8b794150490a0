// LINE promotions (PRODUCTS or CATEGORY targets): applied one after another by priority, each on
// what the eligible lines have left after the ones before it, so a line's discounts never add up
// to more than its subtotal. Their minimum subtotal is judged on the goods before any discount.
import { sumMinor } from "@trolley/federation";
import { allocateByLargestRemainder } from "./allocation.js";
import { byPriority, type HeldPromotion } from "./held-promotions.js";
import type { LineState } from "./line-state.js";
import { emptyStep, record, type StepResult } from "./promotion-outcome.js";
import type { LinePromotion, LinePromotionAction, LinePromotionTarget } from "./promotion.types.js";
import { percentOfHalfEven } from "./rounding.js";
import { buyXPayYShares, nthUnitShares } from "./unit-promotions.js";

const isEligible = (target: LinePromotionTarget, state: LineState) =>
  target.kind === "PRODUCTS"
    ? target.productIds.includes(state.line.productId)
    : state.line.categoryIds.some((categoryId) => target.categoryIds.includes(categoryId));

/** Each eligible line's part, before the cap at what the line has left. */
function sharesFor(action: LinePromotionAction, eligible: LineState[]): number[] {
  const netWeights = eligible.map((state) => state.netMinor);
  switch (action.kind) {
    case "PERCENTAGE":
      // Once on the eligible sum, then allocated: per-line rounding would gain or lose cents.
      return allocateByLargestRemainder(percentOfHalfEven(sumMinor(netWeights), action.basisPoints), netWeights);
    case "FIXED_AMOUNT":
      return allocateByLargestRemainder(Math.min(action.amountMinor, sumMinor(netWeights)), netWeights);
    case "BUY_X_PAY_Y":
      return buyXPayYShares(action, eligible);
    case "NTH_UNIT_PERCENT":
      return nthUnitShares(action, eligible);
  }
}

export function applyLinePromotions(states: LineState[], promotions: HeldPromotion<LinePromotion>[]): StepResult {
  const step = emptyStep();
  const goodsSubtotalMinor = sumMinor(states.map((state) => state.subtotalMinor));
  for (const held of byPriority(promotions)) {
    const { promotion } = held;
    const conditionsMet = goodsSubtotalMinor >= (promotion.conditions.minSubtotalMinor ?? 0);
    const eligible = conditionsMet ? states.filter((state) => isEligible(promotion.target, state)) : [];
    const shares = sharesFor(promotion.action, eligible).map((share, index) => Math.min(share, eligible[index].netMinor));
    shares.forEach((amountMinor, index) => {
      if (amountMinor === 0) return;
      const state = eligible[index];
      state.netMinor -= amountMinor;
      state.lineDiscountMinor += amountMinor;
      state.shares.push({ promotionId: promotion.id, code: held.code, title: promotion.title, amountMinor });
    });
    const amountMinor = sumMinor(shares);
    record(step, held, "LINE", { inEffect: conditionsMet && amountMinor > 0, amountMinor });
  }
  return step;
}
