// The per-request context: who is calling, the request's loaders, and the cart's services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity, type TokenSettings } from "@trolley/identity";
import type { CartService } from "./cart/cart.service.js";
import type { CartStore } from "./cart/cart.store.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface CartContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  carts: CartService;
  logger: Logger;
  guestTokens: TokenSettings & { ttlSeconds: number };
}

export function contextFactory(deps: {
  store: CartStore;
  carts: CartService;
  logger: Logger;
  internalSecret: string;
  guestTokens: CartContext["guestTokens"];
}) {
  return async (req: IncomingMessage, requestId: string): Promise<CartContext> => ({
    requestId,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, deps.internalSecret),
    loaders: createLoaders(deps.store),
    carts: deps.carts,
    logger: deps.logger,
    guestTokens: deps.guestTokens,
  });
}
