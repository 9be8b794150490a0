// Whether a code may be used once more: its promotion's activity and window at the moment, and its
// limits against the uses counted (RESERVED and CONFIRMED), in all and for the customer. Pure; the
// counts are read under the promotion's row lock by whoever asks.
import type { UserErrorData } from "@trolley/errors";
import type { LockedPromotion, UseCounts } from "./code-use.store.js";

export const refusal = (code: UserErrorData["code"], message: string): UserErrorData => ({ code, message, field: ["code"] });

/** Why the promotion's limits refuse one more use by this customer; null when they allow it. */
export function limitRefusal(
  promotion: Pick<LockedPromotion, "code" | "usageLimit" | "perCustomerLimit">,
  counts: UseCounts,
  customer: string | null,
): UserErrorData | null {
  if (promotion.usageLimit !== null && counts.total >= promotion.usageLimit) return refusal("DISCOUNT_CODE_USED_UP", `The code ${promotion.code} has been used up.`);
  if (promotion.perCustomerLimit === null) return null;
  if (customer === null) return refusal("DISCOUNT_CODE_CUSTOMER_REQUIRED", `The code ${promotion.code} needs a signed-in customer or an email address.`);
  if (counts.customer >= promotion.perCustomerLimit) return refusal("DISCOUNT_CODE_USED_UP", `You have already used the code ${promotion.code}.`);
  return null;
}

/** Why this promotion's code may not be reserved now by this customer; null when it may. */
export function useRefusal(promotion: LockedPromotion, counts: UseCounts, customer: string | null, at: Date): UserErrorData | null {
  if (!promotion.active) return refusal("DISCOUNT_CODE_INVALID", `No promotion has the code ${promotion.code}.`);
  if ((promotion.startsAt && at < promotion.startsAt) || (promotion.endsAt && at >= promotion.endsAt)) {
    return refusal("DISCOUNT_CODE_EXPIRED", `The code ${promotion.code} is not valid now.`);
  }
  return limitRefusal(promotion, counts, customer);
}
