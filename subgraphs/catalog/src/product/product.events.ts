// The facts the catalog publishes when an admin changes a product's price (in decimal strings, as
// every client reads money) or its weight (stream `catalog-events`). Stock changes: stock.events.ts.
import { formatMinor } from "@trolley/federation";
import type { NewEvent } from "@trolley/outbox";

export const priceChanged = (productId: string, fromMinor: number, toMinor: number, currencyCode: string, occurredAt: Date): NewEvent => ({
  type: "PriceChanged",
  aggregateId: productId,
  userId: null,
  occurredAt,
  data: { productId, from: formatMinor(fromMinor, currencyCode), to: formatMinor(toMinor, currencyCode), currencyCode },
});

export const weightChanged = (productId: string, fromGrams: number, toGrams: number, occurredAt: Date): NewEvent => ({
  type: "ProductWeightChanged",
  aggregateId: productId,
  userId: null,
  occurredAt,
  data: { productId, fromGrams, toGrams },
});
