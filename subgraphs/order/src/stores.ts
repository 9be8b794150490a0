import type { OrderDb } from "./db.js";
import { OrderStore } from "./order/order.store.js";

export function createStores(db: OrderDb) {
  return { orders: new OrderStore(db) };
}

export type OrderStores = ReturnType<typeof createStores>;
