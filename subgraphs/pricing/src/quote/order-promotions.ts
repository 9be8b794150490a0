// ORDER promotions: after the line promotions, by priority, each on the goods net that is left.
// Their minimum subtotal is judged on the goods after line discounts. An order discount is not a
// line discount (the contract's line discountTotal sums to the LINE discounts only), but each is
// allocated to the lines by largest remainder so that every line's tax base is known exactly.
import { sumMinor } from "@trolley/federation";
import { allocateByLargestRemainder } from "./allocation.js";
import { byPriority, type HeldPromotion } from "./held-promotions.js";
import type { LineState } from "./line-state.js";
import { emptyStep, record, type StepResult } from "./promotion-outcome.js";
import type { OrderPromotion, OrderPromotionAction } from "./promotion.types.js";
import { percentOfHalfEven } from "./rounding.js";

function amountFor(action: OrderPromotionAction, remainingMinor: number): number {
  switch (action.kind) {
    case "PERCENTAGE":
      return percentOfHalfEven(remainingMinor, action.basisPoints);
    case "FIXED_AMOUNT":
      return Math.min(action.amountMinor, remainingMinor);
  }
}

/** `goodsNetMinor`: the goods subtotal after line discounts, the base of every order condition. */
export function applyOrderPromotions(states: LineState[], promotions: HeldPromotion<OrderPromotion>[], goodsNetMinor: number): StepResult {
  const step = emptyStep();
  for (const held of byPriority(promotions)) {
    const conditionsMet = goodsNetMinor >= (held.promotion.conditions.minSubtotalMinor ?? 0);
    const weights = states.map((state) => state.netMinor);
    const amountMinor = conditionsMet ? amountFor(held.promotion.action, sumMinor(weights)) : 0;
    allocateByLargestRemainder(amountMinor, weights).forEach((share, index) => {
      states[index].netMinor -= share;
      states[index].orderDiscountShareMinor += share;
    });
    record(step, held, "ORDER", { inEffect: conditionsMet && amountMinor > 0, amountMinor });
  }
  return step;
}
