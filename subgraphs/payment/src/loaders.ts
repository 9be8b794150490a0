// Per-request DataLoaders: every entity lookup in a request goes through these, so N lookups of
// the same kind in one tick are one SQL query. New loaders per request, never shared.
import DataLoader from "dataloader";
import { byKey, groupedByKey } from "@trolley/federation";
import type { PaymentStore } from "./payment/payment.store.js";
import type { PaymentRecord } from "./payment/payment.type.js";

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
