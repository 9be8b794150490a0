// The internal judgement of a shipping selection (the cart selecting or moving, checkout): the
// options read from Postgres, never from the options cache, so a selection is always judged by the
// options as they are.
import type { ShippingJudgement, ShippingSelectionRequest } from "@trolley/federation";
import type { Clock } from "@trolley/http";
import type { OptionSource } from "../options/option-source.js";
import type { ShippingOffersService } from "../options/shipping-offers.service.js";
import type { CartToShip } from "../options/shipping-option.types.js";
import { judgeSelection } from "./judge-selection.rules.js";

export class ShippingJudgementService {
  constructor(
    private readonly source: OptionSource,
    private readonly offers: ShippingOffersService,
    private readonly clock: Clock,
  ) {}

  async judge(cart: CartToShip, selection: ShippingSelectionRequest): Promise<ShippingJudgement> {
    const { countryCode } = cart.destination;
    const options = (await this.source.serving([countryCode])).get(countryCode) ?? [];
    const cartOffers = await this.offers.offers(cart, options, this.clock.now());
    return judgeSelection({ ...cartOffers, countryCode, currencyCode: cart.currencyCode }, selection);
  }
}
