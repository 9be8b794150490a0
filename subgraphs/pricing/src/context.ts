// The per-request context: who is calling, the request's own loaders (its quotes, all priced at
// the request's one instant), and the services.
import type { IncomingMessage } from "node:http";
import type { Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import type { DiscountCodeService } from "./codes/discount-code.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { PromotionAdminService } from "./promotions/promotion-admin.service.js";
import type { QuoteService } from "./quoting/quote.service.js";
import type { TaxRateAdminService } from "./tax/tax-rate-admin.service.js";
import type { CodeUsageService } from "./usage/code-usage.service.js";

export interface PricingServices {
  quotes: QuoteService;
  codes: DiscountCodeService;
  usage: CodeUsageService;
  promotions: PromotionAdminService;
  taxRates: TaxRateAdminService;
}

export interface PricingContext extends PricingServices {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  /** The shop's currency: an empty cart's, and promotions' amounts. */
  storeCurrency: string;
}

export function contextFactory(services: PricingServices, settings: { internalSecret: string; storeCurrency: string }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<PricingContext> => ({
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(services.quotes, services.quotes.now()),
    ...services,
    storeCurrency: settings.storeCurrency,
  });
}
