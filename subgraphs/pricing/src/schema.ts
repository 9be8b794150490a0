// The pricing subgraph's schema: the priced fields of carts, their lines and service lines, the admin's promotions
// and tax rates, and (for services only) quotes, code judgements and code reservations.
import { buildFederatedSchema } from "@trolley/federation";
import { CartCostResolver, CartLineCostResolver, CartServiceLineCostResolver } from "./cart/cart-cost.resolver.js";
import { cartReferences } from "./cart/cart.reference.js";
import { Cart, CartLine, CartServiceLine } from "./cart/cart.type.js";
import { PromotionAdminResolver } from "./promotions/promotion-admin.resolver.js";
import { InternalQuoteResolver } from "./quoting/internal-quote.resolver.js";
import { TaxRateAdminResolver } from "./tax/tax-rate-admin.resolver.js";

export function buildPricingSchema() {
  return buildFederatedSchema({
    resolvers: [CartCostResolver, CartLineCostResolver, CartServiceLineCostResolver, PromotionAdminResolver, TaxRateAdminResolver, InternalQuoteResolver],
    references: cartReferences,
    orphanedTypes: [Cart, CartLine, CartServiceLine],
    inaccessibleEnums: ["CodeOutcome"],
  });
}
