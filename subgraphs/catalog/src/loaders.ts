// Per-request DataLoaders: every entity lookup in a request goes through these, so N lookups of
// the same kind in one tick are one SQL query. New loaders per request, never shared.
import DataLoader from "dataloader";
import { byKey } from "@trolley/federation";
import type { Category } from "./category/category.type.js";
import type { CategoryStore } from "./category/category.store.js";
import type { ProductRecord } from "./product/product.type.js";
import type { ProductStore } from "./product/product.store.js";

export function createLoaders(stores: { products: ProductStore; categories: CategoryStore }) {
  return {
    product: new DataLoader<string, ProductRecord | null>(async (ids) => byKey(ids, await stores.products.findByIds(ids))),
    category: new DataLoader<string, Category | null>(async (ids) => byKey(ids, await stores.categories.findByIds(ids))),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
