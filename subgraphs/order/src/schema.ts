// The order subgraph's schema: orders, their lines (snapshots), checkout, the payment claim and the admin's dead letters.
import { buildFederatedSchema } from "@trolley/federation";
// In this order: type-graphql prints types and fields in the order their modules load, and
// schema.graphql keeps the order it has.
import { DeadLetterResolver } from "./dead-letters/dead-letter.resolver.js";
import { CheckoutResolver } from "./checkout/checkout.resolver.js";
import { OrderLifecycleResolver } from "./lifecycle/order-lifecycle.resolver.js";
import { orderReference } from "./order/order.reference.js";
import { OrderResolver } from "./order/order.resolver.js";
import { PaymentClaimResolver } from "./lifecycle/payment-claim.resolver.js";

export function buildOrderSchema() {
  return buildFederatedSchema({
    resolvers: [OrderResolver, CheckoutResolver, OrderLifecycleResolver, PaymentClaimResolver, DeadLetterResolver],
    references: { Order: orderReference },
  });
}
