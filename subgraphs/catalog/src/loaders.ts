// Per-request DataLoaders: every entity lookup in a request goes through these, so N lookups of
// the same kind in one tick are one SQL query. New loaders per request, never shared.
import DataLoader from "dataloader";
import { byKey, groupedByKey } from "@trolley/federation";
import type { Category } from "./category/category.type.js";
import type { CategoryStore } from "./category/category.store.js";
import type { ProductRecord } from "./product/product.type.js";
import type { ProductStore } from "./product/product.store.js";
import type { ServiceOfferStore } from "./service/service-offer.store.js";
import type { ServiceOfferRecord } from "./service/service-offer.type.js";

export function createLoaders(stores: { products: ProductStore; categories: CategoryStore; serviceOffers: ServiceOfferStore }) {
  return {
    product: new DataLoader<string, ProductRecord | null>(async (ids) => byKey(ids, await stores.products.findByIds(ids))),
    category: new DataLoader<string, Category | null>(async (ids) => byKey(ids, await stores.categories.findByIds(ids))),
    serviceOffer: new DataLoader<string, ServiceOfferRecord | null>(async (ids) => byKey(ids, await stores.serviceOffers.findByIds(ids))),
    /** The active FOR_LINE offers of each category, by title (Product.services). */
    lineServicesOfCategory: new DataLoader<string, ServiceOfferRecord[]>(async (categoryIds) =>
      groupedByKey(categoryIds, await stores.serviceOffers.forLineOfCategories(categoryIds), (row) => row.categoryId).map((rows) =>
        rows.map(({ categoryId: _, ...offer }) => offer),
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
