// The per-request context: who is calling and the request's own loaders.
import type { IncomingMessage } from "node:http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { CatalogStores } from "./stores.js";

export interface CatalogContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  stores: CatalogStores;
  storeCurrency: string;
}

export function contextFactory(stores: CatalogStores, settings: { internalSecret: string; storeCurrency: string }) {
  return async (req: IncomingMessage, requestId: string): Promise<CatalogContext> => ({
    requestId,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(stores),
    stores,
    storeCurrency: settings.storeCurrency,
  });
}
