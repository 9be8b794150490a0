// The facts the catalog publishes about stock (stream `catalog-events`). One StockChanged per
// product a change touched, keyed by the product, saying how many units are left to sell.
import type { NewEvent } from "@trolley/outbox";

export type StockChangeReason = "RESERVED" | "RELEASED" | "COMMITTED";

export const stockChanged = (
  productId: string,
  availableQuantity: number,
  reason: StockChangeReason,
  reservationId: string,
  occurredAt: Date,
): NewEvent => ({
  type: "StockChanged",
  aggregateId: productId,
  userId: null,
  occurredAt,
  data: { productId, availableQuantity, reason, reservationId },
});
