// The offers behind a cart's shipping fields, through the request's loader (made once per request
// and cart state, however many fields ask). What cannot be known fails the field with an error
// naming the service at fault: the catalog when a line's product data is missing (the gateway
// folds that into the catalog's own outage error).
import { serviceUnavailable } from "@trolley/errors";
import type { ShippingContext } from "../context.js";
import type { CartToShip, PricedOffer } from "../options/shipping-option.types.js";
import { CatalogDataMissing, cartToShip } from "./cart-shipping.rules.js";
import type { RequiredCart } from "./cart.type.js";

export async function offersOfCart(cart: RequiredCart, ctx: ShippingContext): Promise<{ toShip: CartToShip | null; offers: PricedOffer[] }> {
  let toShip: CartToShip | null;
  try {
    toShip = cartToShip(cart, ctx.defaultCountryCode);
  } catch (error) {
    if (error instanceof CatalogDataMissing) throw serviceUnavailable("catalog");
    throw error;
  }
  if (!toShip) return { toShip, offers: [] };
  return { toShip, offers: await ctx.loaders.cartOffers.load(toShip) };
}
