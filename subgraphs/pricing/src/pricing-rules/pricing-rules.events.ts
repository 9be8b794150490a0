// The facts pricing publishes about its rules (stream `pricing-events`): every change to a
// promotion or a tax rate, written in the change's own transaction. Every pricing process reloads
// its rules cache on them (rule-changes.listener.ts); other contexts may react to them too (a cart
// whose quote they change).
import type { NewEvent } from "@trolley/outbox";
import type { Tx } from "../db.js";

/** Where a change's events go, in the change's own transaction (the outbox). */
export interface EventSink {
  append(tx: Tx, events: readonly NewEvent[]): Promise<unknown>;
}

export type PromotionChange = "CREATED" | "UPDATED" | "ACTIVATED" | "DEACTIVATED";

export const promotionChanged = (
  promotion: { id: string; code: string | null; version: number; active: boolean },
  change: PromotionChange,
  adminId: string,
  occurredAt: Date,
): NewEvent => ({
  type: "PromotionChanged",
  aggregateId: promotion.id,
  userId: adminId,
  occurredAt,
  data: { promotionId: promotion.id, code: promotion.code, version: promotion.version, active: promotion.active, change },
});

export const taxRateChanged = (
  rate: { id: string; countryCode: string; provinceCode: string | null; standardPpm: number; reducedPpm: number; zeroPpm: number; taxesShipping: boolean; taxesServices: boolean },
  adminId: string,
  occurredAt: Date,
): NewEvent => ({
  type: "TaxRateChanged",
  aggregateId: rate.id,
  userId: adminId,
  occurredAt,
  data: {
    countryCode: rate.countryCode,
    provinceCode: rate.provinceCode,
    ratesPpm: { STANDARD: rate.standardPpm, REDUCED: rate.reducedPpm, ZERO: rate.zeroPpm },
    taxesShipping: rate.taxesShipping,
    taxesServices: rate.taxesServices,
  },
});
