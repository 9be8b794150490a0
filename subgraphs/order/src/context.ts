// The per-request context: who is calling, the request's own loaders, and the order's services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import type { CheckoutService } from "./checkout/checkout.service.js";
import type { DeadLetterService } from "./dead-letters/dead-letter.service.js";
import type { OrderLifecycle } from "./lifecycle/order-lifecycle.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { OrderStores } from "./stores.js";

export interface OrderContext {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  stores: OrderStores;
  checkout: CheckoutService;
  lifecycle: OrderLifecycle;
  /** Every context's dead letters, for admins. */
  deadLetters: DeadLetterService;
}

type Shared = Pick<OrderContext, "stores" | "checkout" | "lifecycle" | "deadLetters">;

export function contextFactory(shared: Shared, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<OrderContext> => ({
    ...shared,
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(shared.stores),
  });
}
