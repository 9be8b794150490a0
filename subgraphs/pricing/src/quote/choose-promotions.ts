// Stacking and exclusivity: all stackable promotions the cart has are applied together, and each
// exclusive one alone; the shopper gets the scenario that takes off the most. A tie goes to the
// stackable set, and between exclusives to the one that comes first by priority (then input order).
import { applyPromotions, type Scenario } from "./apply-promotions.js";
import { byPriority, type HeldPromotion } from "./held-promotions.js";
import type { QuoteInput } from "./quote.types.js";

export interface PromotionChoice {
  chosen: Scenario;
  /** The scenario each held promotion was judged in: the stackable set, or an exclusive's own. */
  scenarioOf: Map<string, Scenario>;
}

export function choosePromotions(input: QuoteInput, held: HeldPromotion[]): PromotionChoice {
  const stackable = applyPromotions(input, held.filter((entry) => entry.promotion.stacking === "STACKABLE"));
  const scenarioOf = new Map<string, Scenario>(stackable.promotions.map((entry) => [entry.promotion.id, stackable]));
  let chosen = stackable;
  for (const exclusive of byPriority(held.filter((entry) => entry.promotion.stacking === "EXCLUSIVE"))) {
    const alone = applyPromotions(input, [exclusive]);
    scenarioOf.set(exclusive.promotion.id, alone);
    if (alone.discountTotalMinor > chosen.discountTotalMinor) chosen = alone;
  }
  return { chosen, scenarioOf };
}
