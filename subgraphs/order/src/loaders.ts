// Per-request DataLoaders: every entity lookup in a request goes through these, so N lookups of
// the same kind in one tick are one SQL query. New loaders per request, never shared.
import DataLoader from "dataloader";
import { byKey, groupedByKey } from "@trolley/federation";
import type { OrderStore } from "./order/order.store.js";
import type { OrderServiceLineRecord } from "./order/order-delivery.type.js";
import type { OrderLineRecord, OrderRecord } from "./order/order.type.js";

export function createLoaders(stores: { orders: OrderStore }) {
  return {
    order: new DataLoader<string, OrderRecord | null>(async (ids) => byKey(ids, await stores.orders.findByIds(ids))),
    /** The lines of each order, by position. */
    linesByOrder: new DataLoader<string, OrderLineRecord[]>(async (orderIds) =>
      groupedByKey(orderIds, await stores.orders.findLinesByOrderIds(orderIds), (line) => line.orderId),
    ),
    /** The service lines of each order, by position. */
    serviceLinesByOrder: new DataLoader<string, OrderServiceLineRecord[]>(async (orderIds) =>
      groupedByKey(orderIds, await stores.orders.findServiceLinesByOrderIds(orderIds), (line) => line.orderId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
