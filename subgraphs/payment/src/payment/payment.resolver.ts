import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireCaller } from "@trolley/identity";
import type { PaymentContext } from "../context.js";
import { canSeePayment, payOrder } from "./payment.service.js";
import { Payment, PaymentPayload } from "./payment.type.js";

@ArgsType()
class PayOrderArgs {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String)
  paymentMethodToken!: string;

  @Field(() => String)
  idempotencyKey!: string;
}

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => Payment, { nullable: true, description: "One of the caller's payments (any payment for admin)." })
  async payment(@Arg("id", () => ID) id: string, @Ctx() ctx: PaymentContext): Promise<Payment | null> {
    requireCaller(ctx.identity);
    const record = await ctx.loaders.payment.load(id);
    // A payment the caller may not see answers like one that does not exist.
    return record && canSeePayment(ctx.identity, record) ? Payment.from(record) : null;
  }

  @Mutation(() => PaymentPayload, { description: "Charges the order's own total with the payment method the token stands for." })
  async payOrder(
    @Args(() => PayOrderArgs) { orderId, paymentMethodToken, idempotencyKey }: PayOrderArgs,
    @Ctx() ctx: PaymentContext,
  ): Promise<PaymentPayload> {
    requireCaller(ctx.identity);
    try {
      const payment = await payOrder({ orderId, paymentMethodToken, idempotencyKey });
      return { payment: Payment.from(payment), userErrors: [] };
    } catch (error) {
      if (error instanceof DomainError) return { payment: null, userErrors: error.errors.map((e) => UserError.from(e)) };
      throw error;
    }
  }
}
