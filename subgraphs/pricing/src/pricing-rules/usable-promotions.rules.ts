// A stored promotion the engine refuses (a rule written by hand, or by an older version) must not
// take every quote down with it: it is left out of the rules, and reported, while the rest apply.
import { QuoteInputError, validateQuoteInput, type Promotion } from "../quote/index.js";
import type { PricingRules } from "./pricing-rules.mapping.js";

const probe = { currencyCode: "USD", at: new Date(0), shop: { taxIncluded: false, defaultCountryCode: "US" }, lines: [], services: [], shipping: null, address: null, codes: [] };

/** Null when the engine takes the promotion, else why not. */
export function promotionProblem(promotion: Promotion): QuoteInputError | null {
  try {
    validateQuoteInput({ ...probe, promotions: [promotion], taxRates: [] });
    return null;
  } catch (error) {
    if (error instanceof QuoteInputError) return error;
    throw error;
  }
}

export function usableRules(rules: PricingRules, refused: (promotion: Promotion, problem: QuoteInputError) => void): PricingRules {
  const promotions = rules.promotions.filter((promotion) => {
    const problem = promotionProblem(promotion);
    if (problem) refused(promotion, problem);
    return problem === null;
  });
  return { promotions, taxRates: rules.taxRates };
}
