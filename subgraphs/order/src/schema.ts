// The order subgraph's schema: orders, their lines (snapshots), checkout, and the payment claim.
import { buildFederatedSchema } from "@trolley/federation";
import { CheckoutResolver } from "./order/checkout.resolver.js";
import { orderReference } from "./order/order.reference.js";
import { OrderResolver } from "./order/order.resolver.js";
import { PaymentClaimResolver } from "./order/payment-claim.resolver.js";

export function buildOrderSchema() {
  return buildFederatedSchema({
    resolvers: [OrderResolver, CheckoutResolver, PaymentClaimResolver],
    references: { Order: orderReference },
  });
}
