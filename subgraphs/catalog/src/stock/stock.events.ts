// The facts the catalog publishes about stock (stream `catalog-events`). One StockChanged per
// product a change touched, keyed by the product, saying how many units are left to sell.
import type { NewEvent } from "@trolley/outbox";

export type StockChangeReason = "RESERVED" | "RELEASED" | "COMMITTED";

const stockEvent = (productId: string, occurredAt: Date, data: Record<string, unknown>): NewEvent => ({
  type: "StockChanged",
  aggregateId: productId,
  userId: null,
  occurredAt,
  data: { productId, ...data },
});

/** A reservation held, released or committed the product's units. */
export const stockChanged = (productId: string, availableQuantity: number, reason: StockChangeReason, reservationId: string, occurredAt: Date): NewEvent =>
  stockEvent(productId, occurredAt, { availableQuantity, reason, reservationId });

/** An admin set the units on hand. */
export const stockAdjusted = (productId: string, availableQuantity: number, occurredAt: Date): NewEvent =>
  stockEvent(productId, occurredAt, { availableQuantity, reason: "ADJUSTED" });
