// The catalog subgraph's schema: products (and their admin), categories, the services sold with
// the goods, and (for services only) stock reservations and service availability.
import { buildFederatedSchema } from "@trolley/federation";
import { CategoryResolver } from "./category/category.resolver.js";
import { productReference } from "./product/product.reference.js";
import { ProductAdminResolver } from "./product/product-admin.resolver.js";
import { ProductResolver } from "./product/product.resolver.js";
import { ProductServicesResolver } from "./service/product-services.resolver.js";
import { serviceOfferReference } from "./service/service-offer.reference.js";
import { ServiceOfferResolver } from "./service/service-offer.resolver.js";
import { StockResolver } from "./stock/stock.resolver.js";

export function buildCatalogSchema() {
  return buildFederatedSchema({
    resolvers: [ProductResolver, ProductAdminResolver, ProductServicesResolver, CategoryResolver, ServiceOfferResolver, StockResolver],
    references: { Product: productReference, ServiceOffer: serviceOfferReference },
  });
}
