// The per-request context: who is calling, the request's own loaders, and the services.
import type { IncomingMessage } from "node:http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { StockService } from "./stock/stock.service.js";
import type { CatalogStores } from "./stores.js";

export interface CatalogContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  stores: CatalogStores;
  stock: StockService;
  storeCurrency: string;
}

export function contextFactory(stores: CatalogStores, stock: StockService, settings: { internalSecret: string; storeCurrency: string }) {
  return async (req: IncomingMessage, requestId: string): Promise<CatalogContext> => ({
    requestId,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(stores),
    stores,
    stock,
    storeCurrency: settings.storeCurrency,
  });
}
