// Order.payments and Order.paymentStatus: the payment subgraph's contribution to the order. The
// payments of N orders are one query (paymentsByOrder loader); each caller sees only its own.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { PaymentContext } from "../context.js";
import { latestPaymentStatus, paymentsVisibleTo } from "../payment/payment-visibility.rules.js";
import { Payment, PaymentStatus } from "../payment/payment.type.js";
import { Order } from "./order.type.js";

@Resolver(() => Order)
export class OrderPaymentsResolver {
  @FieldResolver(() => [Payment], { nullable: true, description: "Contributed by the payment subgraph, oldest first; null (with an error) when it is unavailable." })
  async payments(@Root() order: Order, @Ctx() ctx: PaymentContext): Promise<Payment[]> {
    const payments = paymentsVisibleTo(ctx.identity, await ctx.loaders.paymentsByOrder.load(order.id));
    return payments.map((payment) => Payment.from(payment));
  }

  @FieldResolver(() => PaymentStatus, { nullable: true, description: "Status of the latest payment; null before the first." })
  async paymentStatus(@Root() order: Order, @Ctx() ctx: PaymentContext): Promise<PaymentStatus | null> {
    return latestPaymentStatus(paymentsVisibleTo(ctx.identity, await ctx.loaders.paymentsByOrder.load(order.id)));
  }
}

/** The order subgraph decides whether the caller may see the order; here it is only a key. */
export const orderReference = {
  __resolveReference: (reference: { id: string }): Order => Order.reference(reference.id),
};
