// Shipping's persistence, one store per table family; the only code that queries Postgres.
import type { ShippingDb } from "./db.js";
import { ShippingOptionStore } from "./options/shipping-option.store.js";

export function createStores(db: ShippingDb) {
  return { options: new ShippingOptionStore(db) };
}

export type ShippingStores = ReturnType<typeof createStores>;
