// The per-request context: who is calling, the request's own loaders, and the payment services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { PayOrderService } from "./payment/pay-order.service.js";
import type { RefundService } from "./payment/refund.service.js";
import type { PaymentStores } from "./stores.js";

export interface PaymentContext {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  stores: PaymentStores;
  payOrder: PayOrderService;
  refunds: RefundService;
}

type Shared = Omit<PaymentContext, "requestId" | "identity" | "loaders" | "logger">;

export function contextFactory(shared: Shared, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<PaymentContext> => ({
    ...shared,
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(shared.stores),
  });
}
