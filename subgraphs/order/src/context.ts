// The per-request context: who is calling and the request's own loaders.
import type { IncomingMessage } from "node:http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { OrderStores } from "./stores.js";

export interface OrderContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  stores: OrderStores;
}

export function contextFactory(stores: OrderStores, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string): Promise<OrderContext> => ({
    requestId,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(stores),
    stores,
  });
}
