// What one promotion did in one scenario: the three application steps (line, order, shipping)
// each report this, and the choice between scenarios and the codes' standing read it.
import type { HeldPromotion } from "./held-promotions.js";
import type { AppliedDiscount, DiscountTarget } from "./quote.types.js";

export interface PromotionOutcome {
  /** Its conditions are met and it takes something off, or it waits only for a shipping selection. */
  inEffect: boolean;
  amountMinor: number;
}

export interface StepResult {
  /** Only the promotions that took something off, in the order they were applied. */
  discounts: AppliedDiscount[];
  outcomes: Map<string, PromotionOutcome>;
}

export const emptyStep = (): StepResult => ({ discounts: [], outcomes: new Map() });

export function record(step: StepResult, held: HeldPromotion, target: DiscountTarget, outcome: PromotionOutcome) {
  step.outcomes.set(held.promotion.id, outcome);
  if (outcome.amountMinor > 0) {
    const { id: promotionId, title } = held.promotion;
    step.discounts.push({ promotionId, code: held.code, title, target, amountMinor: outcome.amountMinor });
  }
}
