// Thin: only services may ask (the order subgraph, before it cancels or expires a claimed order);
// the payment service answers. @inaccessible: the gateway never exposes it.
import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { requireService } from "@trolley/identity";
import type { PaymentContext } from "../context.js";
import { OrderPaymentState } from "./order-payment-state.type.js";

@Resolver()
export class OrderPaymentStatesResolver {
  @Query(() => [OrderPaymentState], { description: "Services only. For each order asked about, in that order: whether a payment succeeded, is in flight, or neither." })
  @Directive("@inaccessible")
  async orderPaymentStates(@Arg("orderIds", () => [ID]) orderIds: string[], @Ctx() ctx: PaymentContext): Promise<OrderPaymentState[]> {
    requireService(ctx.identity, "ask for the payment states of orders");
    return (await ctx.payments.statesOfOrders(orderIds)).map((state) => OrderPaymentState.from(state));
  }
}
