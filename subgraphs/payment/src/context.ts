// The per-request context: who is calling, the request's own loaders, and the payment services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import { createLoaders, type Loaders } from "./loaders.js";
import type { PayOrderService } from "./payment/pay-order.service.js";
import { PaymentService } from "./payment/payment.service.js";
import type { RefundService } from "./payment/refund.service.js";
import type { PaymentStores } from "./stores.js";

export interface PaymentContext {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  /** Reads payments through this request's loaders. */
  payments: PaymentService;
  payOrder: PayOrderService;
  refunds: RefundService;
}

type Shared = Pick<PaymentContext, "payOrder" | "refunds"> & { stores: PaymentStores };

export function contextFactory({ stores, ...services }: Shared, settings: { internalSecret: string }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<PaymentContext> => {
    const loaders = createLoaders(stores);
    return {
      ...services,
      requestId,
      logger,
      identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
      loaders,
      payments: new PaymentService(stores.payments, loaders),
    };
  };
}
