// The per-request context: who is calling and the request's own loaders.
import type { IncomingMessage } from "node:http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { PaymentStores } from "./stores.js";

export interface PaymentContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  stores: PaymentStores;
}

export function contextFactory(stores: PaymentStores, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string): Promise<PaymentContext> => ({
    requestId,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(stores),
    stores,
  });
}
