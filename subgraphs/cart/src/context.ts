// The per-request context: who is calling, the request's loaders, and the cart's services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity, type TokenSettings } from "@trolley/identity";
import type { Outbox } from "@trolley/outbox";
import type { CartService } from "./cart/cart.service.js";
import type { CartStore } from "./cart/cart.store.js";
import { createLoaders, type Loaders } from "./loaders.js";

export interface CartContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  carts: CartService;
  store: CartStore;
  outbox: Outbox;
  /** Bound to the request id. */
  logger: Logger;
  guestTokens: TokenSettings & { ttlSeconds: number };
  /** Whether guests may change carts (GUEST_CARTS). */
  guestCarts: boolean;
}

type Shared = Omit<CartContext, "requestId" | "identity" | "loaders" | "logger">;

export function contextFactory(shared: Shared, internalSecret: string) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<CartContext> => ({
    ...shared,
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, internalSecret),
    loaders: createLoaders(shared.store),
  });
}
