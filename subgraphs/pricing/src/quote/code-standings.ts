// Whether each code the cart holds applies now, and if not, why. The reasons are checked in the
// order a shopper would ask about them: is it a code at all, is it on, does this cart qualify,
// and did a better offer win.
import type { PromotionChoice } from "./choose-promotions.js";
import { promotionForCode } from "./held-promotions.js";
import { windowStanding } from "./promotion-window.js";
import type { CodeStanding, QuoteInput } from "./quote.types.js";

export function codeStandings(input: QuoteInput, choice: PromotionChoice): CodeStanding[] {
  return input.codes.map((code): CodeStanding => {
    const promotion = promotionForCode(code, input.promotions);
    if (!promotion) return { code, applicable: false, promotionId: null, reason: "UNKNOWN" };
    const promotionId = promotion.id;
    const window = windowStanding(promotion, input.at);
    if (window !== "ACTIVE") return { code, applicable: false, promotionId, reason: window };
    // Judged where it was applied: with the other stackable promotions, or alone if exclusive.
    if (!choice.scenarioOf.get(promotionId)?.outcomes.get(promotionId)?.inEffect) {
      return { code, applicable: false, promotionId, reason: "CONDITIONS_NOT_MET" };
    }
    if (!choice.chosen.outcomes.has(promotionId)) return { code, applicable: false, promotionId, reason: "NOT_CHOSEN" };
    return { code, applicable: true, promotionId };
  });
}
