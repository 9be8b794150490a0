// The order subgraph's schema: orders, their lines (snapshots), and checkout.
import { buildFederatedSchema } from "@trolley/federation";
import { CheckoutResolver } from "./order/checkout.resolver.js";
import { orderReference } from "./order/order.reference.js";
import { OrderResolver } from "./order/order.resolver.js";

export function buildOrderSchema() {
  return buildFederatedSchema({
    resolvers: [OrderResolver, CheckoutResolver],
    references: { Order: orderReference },
  });
}
