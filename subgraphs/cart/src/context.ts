// The per-request context: who is calling, the request's loaders, and the cart's services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import type { CartHistoryService } from "./cart/cart-history.service.js";
import type { CartService } from "./cart/cart.service.js";
import type { CartStore } from "./cart/cart.store.js";
import type { CartChoicesService } from "./choices/choices.service.js";
import type { ShippingSelectionService } from "./choices/shipping-selection.service.js";
import type { DiscountCodeService } from "./discount-codes/discount-code.service.js";
import type { DiscountCodeStore } from "./discount-codes/discount-code.store.js";
import type { GuestMergeService } from "./guest/guest-merge.service.js";
import type { GuestSessionService } from "./guest/guest-session.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { ServiceLineService } from "./service-lines/service-line.service.js";
import type { ServiceLineStore } from "./service-lines/service-line.store.js";

export interface CartContext {
  requestId: string;
  identity: Identity;
  loaders: Loaders;
  carts: CartService;
  discountCodes: DiscountCodeService;
  /** The shopper's email and shipping address. */
  choices: CartChoicesService;
  shippingSelections: ShippingSelectionService;
  serviceLines: ServiceLineService;
  merges: GuestMergeService;
  history: CartHistoryService;
  /** Bound to the request id. */
  logger: Logger;
  guests: GuestSessionService;
  /** Whether guests may change carts (GUEST_CARTS). */
  guestCarts: boolean;
}

type Shared = Omit<CartContext, "requestId" | "identity" | "loaders" | "logger">;

/** The stores are read only through the request's loaders. */
export function contextFactory(stores: { carts: CartStore; codes: DiscountCodeStore; serviceLines: ServiceLineStore }, shared: Shared, internalSecret: string) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<CartContext> => ({
    ...shared,
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, internalSecret),
    loaders: createLoaders(stores.carts, stores.codes, stores.serviceLines),
  });
}
