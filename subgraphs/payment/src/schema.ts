// The payment subgraph's schema: payments, the payments of an order, and (services only) the
// payment state of orders.
import { buildFederatedSchema } from "@trolley/federation";
import { OrderPaymentStatesResolver } from "./order-payments/order-payment-states.resolver.js";
import { OrderPaymentsResolver } from "./order-payments/order-payments.resolver.js";
import { orderReference } from "./order-payments/order.reference.js";
import { paymentReference } from "./payment/payment.reference.js";
import { PaymentResolver } from "./payment/payment.resolver.js";

export function buildPaymentSchema() {
  return buildFederatedSchema({
    resolvers: [PaymentResolver, OrderPaymentsResolver, OrderPaymentStatesResolver],
    references: { Payment: paymentReference, Order: orderReference },
  });
}
