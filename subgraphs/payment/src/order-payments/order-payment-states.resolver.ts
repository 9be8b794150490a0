// Thin: only services may ask (the order subgraph, before it cancels or expires a claimed order);
// the rule is orderPaymentState. @inaccessible: the gateway never exposes it.
import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import { badUserInput, forbidden } from "@trolley/errors";
import { groupedByKey } from "@trolley/federation";
import type { PaymentContext } from "../context.js";
import { orderPaymentState, type OrderPaymentStateName } from "./order-payment-state.rules.js";

@ObjectType()
@Directive("@inaccessible")
export class OrderPaymentState {
  @Field(() => ID)
  orderId!: string;

  // A String, not an enum: type-graphql cannot put @inaccessible on an enum.
  @Field(() => String, { description: "SUCCEEDED (a payment captured money), IN_FLIGHT (a payment may still) or NONE." })
  state!: OrderPaymentStateName;

  @Field(() => ID, { nullable: true, description: "The succeeded payment, for SUCCEEDED." })
  paymentId!: string | null;
}

/** More ids than this in one call is a mistake of the caller (expiry asks in batches of 200). */
const MAX_ORDERS = 500;

@Resolver()
export class OrderPaymentStatesResolver {
  @Query(() => [OrderPaymentState], { description: "Services only. For each order asked about, in that order: whether a payment succeeded, is in flight, or neither." })
  @Directive("@inaccessible")
  async orderPaymentStates(@Arg("orderIds", () => [ID]) orderIds: string[], @Ctx() ctx: PaymentContext): Promise<OrderPaymentState[]> {
    if (ctx.identity.kind !== "service") throw forbidden("Only services may ask for the payment states of orders.");
    if (orderIds.length > MAX_ORDERS) throw badUserInput(`At most ${MAX_ORDERS} orders per call.`);
    const payments = groupedByKey(orderIds, await ctx.stores.payments.findByOrderIds(orderIds), (payment) => payment.orderId);
    return orderIds.map((orderId, i) => Object.assign(new OrderPaymentState(), orderPaymentState(orderId, payments[i])));
  }
}
