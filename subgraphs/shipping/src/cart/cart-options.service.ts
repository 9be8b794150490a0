// A cart's offers for its options view (Cart.shippingOptions, Cart.selectedShipping): from the
// options cache when it holds them, else made from the options (through the request's loader) and
// kept there. The judgement of a selection for a write (judgeShippingSelection) never comes here.
import type { HolidayLookup, ShippingOffersService } from "../options/shipping-offers.service.js";
import type { CartToShip, OptionRule, PricedOffer } from "../options/shipping-option.types.js";
import { offersKey } from "./cart-shipping.rules.js";
import type { OptionsCache } from "./options-cache.js";

export interface OptionLookups {
  options(countryCode: string): Promise<OptionRule[]>;
  holidays: HolidayLookup;
}

export class CartOptionsService {
  constructor(
    private readonly offers: ShippingOffersService,
    private readonly cache: OptionsCache,
  ) {}

  async offersFor(cart: CartToShip, now: Date, lookups: OptionLookups): Promise<PricedOffer[]> {
    const hash = offersKey(cart, now.toISOString().slice(0, 10));
    const cached = await this.cache.get(hash, now);
    if (cached) return cached;
    const options = await lookups.options(cart.destination.countryCode);
    const { offers } = await this.offers.offers(cart, options, now, lookups.holidays);
    await this.cache.put(hash, offers, now);
    return offers;
  }
}
