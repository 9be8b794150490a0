// The order subgraph's schema: orders, their lines (snapshots), checkout, the payment claim and the admin's dead letters.
import { buildFederatedSchema } from "@trolley/federation";
import { DeadLetterResolver } from "./dead-letters/dead-letter.resolver.js";
import { CheckoutResolver } from "./order/checkout.resolver.js";
import { orderReference } from "./order/order.reference.js";
import { OrderResolver } from "./order/order.resolver.js";
import { PaymentClaimResolver } from "./order/payment-claim.resolver.js";

export function buildOrderSchema() {
  return buildFederatedSchema({
    resolvers: [OrderResolver, CheckoutResolver, PaymentClaimResolver, DeadLetterResolver],
    references: { Order: orderReference },
  });
}
