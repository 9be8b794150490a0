// The per-request context: who is calling, the request's own loaders, and the order's services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import type { CheckoutService } from "./checkout/checkout.service.js";
import type { DeadLetterService } from "./dead-letters/dead-letter.service.js";
import type { OrderLifecycle } from "./lifecycle/order-lifecycle.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import { OrderService } from "./order/order.service.js";
import type { OrderStores } from "./stores.js";

export interface OrderContext {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  /** Reads orders through this request's loaders. */
  orders: OrderService;
  checkout: CheckoutService;
  lifecycle: OrderLifecycle;
  /** Every context's dead letters, for admins. */
  deadLetters: DeadLetterService;
}

type Shared = Pick<OrderContext, "checkout" | "lifecycle" | "deadLetters"> & { stores: OrderStores };

export function contextFactory({ stores, ...services }: Shared, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<OrderContext> => {
    const loaders = createLoaders(stores);
    return {
      ...services,
      requestId,
      logger,
      identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
      loaders,
      orders: new OrderService(stores.orders, loaders),
    };
  };
}
