// Per-request DataLoaders: every entity lookup in a request goes through these, so N lookups of
// the same kind in one tick are one SQL query. New loaders per request, never shared.
import DataLoader from "dataloader";
import type { OrderStore } from "./order/order.store.js";
import type { OrderLineRecord, OrderRecord } from "./order/order.type.js";

/** One result per key, in key order, null for a miss: what DataLoader requires of a batch. */
export function byKey<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => found.get(key) ?? null);
}

/** One list per key, in key order, empty for a miss; rows keep their order within a list. */
export function groupedByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key)!);
}

export function createLoaders(stores: { orders: OrderStore }) {
  return {
    order: new DataLoader<string, OrderRecord | null>(async (ids) => byKey(ids, await stores.orders.findByIds(ids))),
    /** The lines of each order, by position. */
    linesByOrder: new DataLoader<string, OrderLineRecord[]>(async (orderIds) =>
      groupedByKey(orderIds, await stores.orders.findLinesByOrderIds(orderIds), (line) => line.orderId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
