// The fact the catalog publishes when an admin changes a product's price (stream
// `catalog-events`), in decimal strings as every client reads money. Stock changes: stock.events.ts.
import { formatMinor } from "@trolley/federation";
import type { NewEvent } from "@trolley/outbox";

export const priceChanged = (productId: string, fromMinor: number, toMinor: number, currencyCode: string, occurredAt: Date): NewEvent => ({
  type: "PriceChanged",
  aggregateId: productId,
  userId: null,
  occurredAt,
  data: { productId, from: formatMinor(fromMinor, currencyCode), to: formatMinor(toMinor, currencyCode), currencyCode },
});
