// The catalog subgraph's schema: products (and their admin), categories, and (for services only)
// stock reservations.
import { buildFederatedSchema } from "@trolley/federation";
import { CategoryResolver } from "./category/category.resolver.js";
import { productReference } from "./product/product.reference.js";
import { ProductAdminResolver } from "./product/product-admin.resolver.js";
import { ProductResolver } from "./product/product.resolver.js";
import { StockResolver } from "./stock/stock.resolver.js";

export function buildCatalogSchema() {
  return buildFederatedSchema({
    resolvers: [ProductResolver, ProductAdminResolver, CategoryResolver, StockResolver],
    references: { Product: productReference },
  });
}
