// One scenario: a set of promotions applied to the cart together, in the three steps the rules
// fix (line, then order, then shipping). The exclusivity choice compares scenarios.
import { sumMinor } from "@trolley/federation";
import { type HeldPromotion, isLinePromotion, isOrderPromotion, isShippingPromotion } from "./held-promotions.js";
import { applyLinePromotions } from "./line-promotions.js";
import { startLineStates, type LineState } from "./line-state.js";
import { applyOrderPromotions } from "./order-promotions.js";
import type { PromotionOutcome } from "./promotion-outcome.js";
import type { AppliedDiscount, QuoteInput } from "./quote.types.js";
import { applyShippingPromotions } from "./shipping-promotions.js";

export interface Scenario {
  promotions: HeldPromotion[];
  lines: LineState[];
  discounts: AppliedDiscount[];
  outcomes: Map<string, PromotionOutcome>;
  shippingDiscountMinor: number;
  /** Everything it takes off: LINE + ORDER + SHIPPING. */
  discountTotalMinor: number;
}

export function applyPromotions(input: QuoteInput, promotions: HeldPromotion[]): Scenario {
  const lines = startLineStates(input.lines);
  const lineStep = applyLinePromotions(lines, promotions.filter(isLinePromotion));
  const goodsNetMinor = sumMinor(lines.map((state) => state.netMinor));
  const orderStep = applyOrderPromotions(lines, promotions.filter(isOrderPromotion), goodsNetMinor);
  const shippingStep = applyShippingPromotions(input.shipping?.priceMinor ?? null, promotions.filter(isShippingPromotion), goodsNetMinor);
  const discounts = [...lineStep.discounts, ...orderStep.discounts, ...shippingStep.discounts];
  return {
    promotions,
    lines,
    discounts,
    outcomes: new Map([...lineStep.outcomes, ...orderStep.outcomes, ...shippingStep.outcomes]),
    shippingDiscountMinor: shippingStep.shippingDiscountMinor,
    discountTotalMinor: sumMinor(discounts.map((discount) => discount.amountMinor)),
  };
}
