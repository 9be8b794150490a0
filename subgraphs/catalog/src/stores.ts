import type { CatalogDb } from "./db.js";
import { CategoryStore } from "./category/category.store.js";
import { ProductStore } from "./product/product.store.js";
import { ServiceOfferStore } from "./service/service-offer.store.js";

export function createStores(db: CatalogDb) {
  return { products: new ProductStore(db), categories: new CategoryStore(db), serviceOffers: new ServiceOfferStore(db) };
}

export type CatalogStores = ReturnType<typeof createStores>;
