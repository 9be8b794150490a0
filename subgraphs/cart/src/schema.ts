// The cart subgraph's schema: carts, their lines, discount codes, service lines and the shopper's
// delivery choices, guest sessions, and the live cart's subscription (which the gateway serves).
import { buildFederatedSchema } from "@trolley/federation";
import { CartLineResolver } from "./cart/cart-line.resolver.js";
import { cartLineReference, cartReference } from "./cart/cart.reference.js";
import { CartResolver, MergeGuestCartResolver } from "./cart/cart.resolver.js";
import { ChoicesResolver } from "./choices/choices.resolver.js";
import { DiscountCodeResolver } from "./discount-codes/discount-code.resolver.js";
import { GuestSessionResolver } from "./guest/guest-session.resolver.js";
import { LiveCartResolver, noPubSub } from "./live/live-cart.resolver.js";
import { cartServiceLineReference } from "./service-lines/service-line.reference.js";
import { ServiceLineResolver } from "./service-lines/service-line.resolver.js";

export function buildCartSchema() {
  return buildFederatedSchema({
    resolvers: [CartResolver, CartLineResolver, DiscountCodeResolver, ServiceLineResolver, ChoicesResolver, MergeGuestCartResolver, GuestSessionResolver, LiveCartResolver],
    pubSub: noPubSub,
    references: { Cart: cartReference, CartLine: cartLineReference, CartServiceLine: cartServiceLineReference },
  });
}
