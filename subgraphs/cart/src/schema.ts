// The cart subgraph's schema: carts, their lines and discount codes, and guest sessions.
import { buildFederatedSchema } from "@trolley/federation";
import { CartLineResolver } from "./cart/cart-line.resolver.js";
import { cartLineReference, cartReference } from "./cart/cart.reference.js";
import { CartResolver, MergeGuestCartResolver } from "./cart/cart.resolver.js";
import { DiscountCodeResolver } from "./discount-codes/discount-code.resolver.js";
import { GuestSessionResolver } from "./guest/guest-session.resolver.js";

export function buildCartSchema() {
  return buildFederatedSchema({
    resolvers: [CartResolver, CartLineResolver, DiscountCodeResolver, MergeGuestCartResolver, GuestSessionResolver],
    references: { Cart: cartReference, CartLine: cartLineReference },
  });
}
