// The per-request context: who is calling, the request's own loaders, and the services.
import type { IncomingMessage } from "node:http";
import type { Clock, Logger } from "@trolley/http";
import { IDENTITY_HEADER, verifyIdentity, type Identity } from "@trolley/identity";
import type { CartOptionsService } from "./cart/cart-options.service.js";
import type { HolidayCalendar } from "./holidays/holiday-calendar.js";
import type { ShippingJudgementService } from "./judgement/shipping-judgement.service.js";
import { createLoaders, type Loaders } from "./loaders.js";
import type { OptionSource } from "./options/option-source.js";
import type { ShippingOffersService } from "./options/shipping-offers.service.js";

export interface ShippingServices {
  source: OptionSource;
  holidays: HolidayCalendar;
  offers: ShippingOffersService;
  cartOptions: CartOptionsService;
  judgements: ShippingJudgementService;
}

export interface ShippingContext extends ShippingServices {
  requestId: string;
  /** Bound to the request id. */
  logger: Logger;
  identity: Identity;
  loaders: Loaders;
  /** Where carts without an address go (SHIPPING_DEFAULT_COUNTRY). */
  defaultCountryCode: string;
}

export function contextFactory(services: ShippingServices, settings: { internalSecret: string; defaultCountryCode: string; clock: Clock }) {
  return async (req: IncomingMessage, requestId: string, logger: Logger): Promise<ShippingContext> => ({
    requestId,
    logger,
    identity: verifyIdentity(req.headers[IDENTITY_HEADER] as string | undefined, settings.internalSecret),
    loaders: createLoaders(services, settings.clock.now()),
    ...services,
    defaultCountryCode: settings.defaultCountryCode,
  });
}
