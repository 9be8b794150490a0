// The payment subgraph's schema: payments, and the payments of an order.
import { buildFederatedSchema } from "@trolley/federation";
import { OrderPaymentsResolver, orderReference } from "./order-payments/order-payments.resolver.js";
import { paymentReference } from "./payment/payment.reference.js";
import { PaymentResolver } from "./payment/payment.resolver.js";

export function buildPaymentSchema() {
  return buildFederatedSchema({
    resolvers: [PaymentResolver, OrderPaymentsResolver],
    references: { Payment: paymentReference, Order: orderReference },
  });
}
