// SHIPPING promotions: last, by priority, each on the shipping price that is left. Free shipping
// over an amount is FREE_SHIPPING with a minimum subtotal, judged (like every shipping condition)
// on the goods subtotal after line discounts, so a cart that reaches the threshold only before its
// discounts does not ship free. Before a shipping option is selected there is nothing to take off;
// a promotion whose conditions are met then still counts as in effect (it waits for the selection).
import { byPriority, type HeldPromotion } from "./held-promotions.js";
import { emptyStep, record, type StepResult } from "./promotion-outcome.js";
import type { ShippingPromotion, ShippingPromotionAction } from "./promotion.types.js";
import { percentOfHalfEven } from "./rounding.js";

function amountFor(action: ShippingPromotionAction, remainingMinor: number): number {
  switch (action.kind) {
    case "PERCENTAGE":
      return percentOfHalfEven(remainingMinor, action.basisPoints);
    case "FREE_SHIPPING":
      return remainingMinor;
  }
}

export interface ShippingStepResult extends StepResult {
  shippingDiscountMinor: number;
}

export function applyShippingPromotions(
  shippingMinor: number | null,
  promotions: HeldPromotion<ShippingPromotion>[],
  goodsNetMinor: number,
): ShippingStepResult {
  const step = emptyStep();
  let remainingMinor = shippingMinor ?? 0;
  for (const held of byPriority(promotions)) {
    const conditionsMet = goodsNetMinor >= (held.promotion.conditions.minSubtotalMinor ?? 0);
    const amountMinor = conditionsMet ? amountFor(held.promotion.action, remainingMinor) : 0;
    remainingMinor -= amountMinor;
    record(step, held, "SHIPPING", { inEffect: conditionsMet && (amountMinor > 0 || shippingMinor === null), amountMinor });
  }
  return { ...step, shippingDiscountMinor: (shippingMinor ?? 0) - remainingMinor };
}
