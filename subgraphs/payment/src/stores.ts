import type { PaymentDb } from "./db.js";
import { PaymentStore } from "./payment/payment.store.js";

export function createStores(db: PaymentDb) {
  return { payments: new PaymentStore(db) };
}

export type PaymentStores = ReturnType<typeof createStores>;
