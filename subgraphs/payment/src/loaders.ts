// Per-request DataLoaders: every entity lookup in a request goes through these, so N lookups of
// the same kind in one tick are one SQL query. New loaders per request, never shared.
import DataLoader from "dataloader";
import type { PaymentStore } from "./payment/payment.store.js";
import type { PaymentRecord } from "./payment/payment.type.js";

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

export function createLoaders(stores: { payments: PaymentStore }) {
  return {
    payment: new DataLoader<string, PaymentRecord | null>(async (ids) => byKey(ids, await stores.payments.findByIds(ids))),
    /** Every payment of each order, whoever made it; callers filter by visibility. */
    paymentsByOrder: new DataLoader<string, PaymentRecord[]>(async (orderIds) =>
      groupedByKey(orderIds, await stores.payments.findByOrderIds(orderIds), (payment) => payment.orderId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
