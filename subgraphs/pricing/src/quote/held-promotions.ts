// Which promotions a cart can have: every automatic one, and those whose code the cart holds,
// matched case-insensitively (and ignoring surrounding spaces), each in effect at the quote's instant.
import type { LinePromotion, OrderPromotion, Promotion, ShippingPromotion } from "./promotion.types.js";
import { windowStanding } from "./promotion-window.js";
import type { QuoteInput } from "./quote.types.js";

/** A promotion the cart has, with the code as the shopper entered it (null when automatic). */
export interface HeldPromotion<P extends Promotion = Promotion> {
  promotion: P;
  code: string | null;
}

export const normalizeCode = (code: string) => code.trim().toUpperCase();

export function promotionForCode(code: string, promotions: Promotion[]): Promotion | null {
  const wanted = normalizeCode(code);
  return promotions.find((promotion) => promotion.code !== null && normalizeCode(promotion.code) === wanted) ?? null;
}

/** In the order of `input.promotions`; a code entered twice holds its promotion once, as first entered. */
export function heldPromotions(input: QuoteInput): HeldPromotion[] {
  const enteredByCode = new Map<string, string>();
  for (const code of input.codes) if (!enteredByCode.has(normalizeCode(code))) enteredByCode.set(normalizeCode(code), code);
  return input.promotions.flatMap((promotion): HeldPromotion[] => {
    if (windowStanding(promotion, input.at) !== "ACTIVE") return [];
    if (promotion.code === null) return [{ promotion, code: null }];
    const entered = enteredByCode.get(normalizeCode(promotion.code));
    return entered === undefined ? [] : [{ promotion, code: entered }];
  });
}

/** Lower priority first; equal priorities keep their order in the input, so the result is repeatable. */
export const byPriority = <P extends Promotion>(held: HeldPromotion<P>[]) =>
  held.map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.promotion.priority - b.entry.promotion.priority || a.index - b.index)
    .map(({ entry }) => entry);

export const isLinePromotion = (held: HeldPromotion): held is HeldPromotion<LinePromotion> =>
  held.promotion.target.kind === "PRODUCTS" || held.promotion.target.kind === "CATEGORY";
export const isOrderPromotion = (held: HeldPromotion): held is HeldPromotion<OrderPromotion> => held.promotion.target.kind === "ORDER";
export const isShippingPromotion = (held: HeldPromotion): held is HeldPromotion<ShippingPromotion> => held.promotion.target.kind === "SHIPPING";
