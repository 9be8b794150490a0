import type { CatalogDb } from "./db.js";
import { CategoryStore } from "./category/category.store.js";
import { ProductStore } from "./product/product.store.js";

export function createStores(db: CatalogDb) {
  return { products: new ProductStore(db), categories: new CategoryStore(db) };
}

export type CatalogStores = ReturnType<typeof createStores>;
