// A promotion is data: who it is for (a code or everyone), when, on what, and what it takes off.
// The engine reads these rules; the store keeps them, and usage limits are checked by the service
// against stored usage, never here.

export type PromotionStacking = "STACKABLE" | "EXCLUSIVE";

/** Off a percentage; basis points, 1000 = 10%, 10000 = all of it. */
export interface PercentageAction {
  kind: "PERCENTAGE";
  basisPoints: number;
}

/** Off a fixed amount in the quote's currency, never more than the amount it applies to. */
export interface FixedAmountAction {
  kind: "FIXED_AMOUNT";
  amountMinor: number;
}

/** "Buy 3 pay 2": of each full group of `buy` units (dearest first), the `buy - pay` cheapest are free. */
export interface BuyXPayYAction {
  kind: "BUY_X_PAY_Y";
  buy: number;
  pay: number;
}

/** "Second unit at 50%": on each line, every `nth` unit has `basisPoints` off. */
export interface NthUnitPercentAction {
  kind: "NTH_UNIT_PERCENT";
  nth: number;
  basisPoints: number;
}

/** Shipping costs nothing; the threshold, if any, is `conditions.minSubtotalMinor`. */
export interface FreeShippingAction {
  kind: "FREE_SHIPPING";
}

export type LinePromotionAction = PercentageAction | FixedAmountAction | BuyXPayYAction | NthUnitPercentAction;
export type OrderPromotionAction = PercentageAction | FixedAmountAction;
export type ShippingPromotionAction = PercentageAction | FreeShippingAction;
export type PromotionAction = LinePromotionAction | OrderPromotionAction | ShippingPromotionAction;

export type LinePromotionTarget = { kind: "PRODUCTS"; productIds: string[] } | { kind: "CATEGORY"; categoryIds: string[] };

/** Which action fits which target is part of the type, so a "free shipping off a category" cannot be written. */
export type PromotionRule =
  | { target: LinePromotionTarget; action: LinePromotionAction }
  | { target: { kind: "ORDER" }; action: OrderPromotionAction }
  | { target: { kind: "SHIPPING" }; action: ShippingPromotionAction };

export interface PromotionConditions {
  /**
   * The goods subtotal the cart must reach: before any discount for a line promotion, after the
   * line discounts for an order or shipping promotion.
   */
  minSubtotalMinor?: number;
}

export type Promotion = PromotionRule & {
  id: string;
  /** Shopper-facing, e.g. "3 for 2 on board games". */
  title: string;
  /** Null for an automatic promotion; codes match case-insensitively. */
  code: string | null;
  /** In effect from this instant (inclusive); none: from always. */
  startsAt?: Date | null;
  /** In effect until this instant (exclusive); none: for ever. */
  endsAt?: Date | null;
  conditions: PromotionConditions;
  stacking: PromotionStacking;
  /** Lower applies first. */
  priority: number;
  /** Uses in all, or null for no limit; checked by the service against stored usage. */
  usageLimit: number | null;
  /** Uses per customer, or null for no limit; checked by the service against stored usage. */
  perCustomerLimit: number | null;
};

export type LinePromotion = Promotion & { target: LinePromotionTarget; action: LinePromotionAction };
export type OrderPromotion = Promotion & { target: { kind: "ORDER" }; action: OrderPromotionAction };
export type ShippingPromotion = Promotion & { target: { kind: "SHIPPING" }; action: ShippingPromotionAction };
