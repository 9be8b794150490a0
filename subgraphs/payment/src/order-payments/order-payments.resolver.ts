// Order.payments and Order.paymentStatus: the payment subgraph's contribution to the order. The
// payments of N orders are one query (the payment service reads them through the request's loader);
// each caller sees only its own.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { PaymentContext } from "../context.js";
import { Payment, PaymentStatus } from "../payment/payment.type.js";
import { Order } from "./order.type.js";

@Resolver(() => Order)
export class OrderPaymentsResolver {
  @FieldResolver(() => [Payment], { nullable: true, description: "Contributed by the payment subgraph, oldest first; null (with an error) when it is unavailable." })
  async payments(@Root() order: Order, @Ctx() ctx: PaymentContext): Promise<Payment[]> {
    return (await ctx.payments.ofOrder(ctx.identity, order.id)).map((payment) => Payment.from(payment));
  }

  @FieldResolver(() => PaymentStatus, { nullable: true, description: "Status of the latest payment; null before the first." })
  async paymentStatus(@Root() order: Order, @Ctx() ctx: PaymentContext): Promise<PaymentStatus | null> {
    return ctx.payments.statusOfOrder(ctx.identity, order.id);
  }
}
