// The per-request context: who is calling, the request's own loaders, and the services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { CategoryService } from "./category/category.service.js";
import type { ProductAdminService } from "./product/product-admin.service.js";
import type { ProductListingService } from "./product/product-listing.service.js";
import type { ServiceOfferService } from "./service/service-offer.service.js";
import type { StockService } from "./stock/stock.service.js";
import type { CatalogStores } from "./stores.js";

export interface CatalogContext {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  listing: ProductListingService;
  categories: CategoryService;
  productAdmin: ProductAdminService;
  stock: StockService;
  services: ServiceOfferService;
}

type Services = Pick<CatalogContext, "listing" | "categories" | "productAdmin" | "stock" | "services">;

export function contextFactory(stores: CatalogStores, services: Services, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<CatalogContext> => ({
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(stores),
    ...services,
  });
}
