// The shipping subgraph's schema: a cart's shipping options and its selected shipping (fields of
// the cart's entity, from the cart's lines, their products' weights and prices, its address and
// its stored selection), and (for services only) the judgement of a cart's shipping selection.
import { buildFederatedSchema } from "@trolley/federation";
import { cartReferences } from "./cart/cart.reference.js";
import { CartShippingResolver } from "./cart/cart-shipping.resolver.js";
import { Cart, CartLine, Product } from "./cart/cart.type.js";
import { JudgementResolver } from "./judgement/judgement.resolver.js";

export function buildShippingSchema() {
  return buildFederatedSchema({
    resolvers: [CartShippingResolver, JudgementResolver],
    references: cartReferences,
    orphanedTypes: [Cart, CartLine, Product],
  });
}
