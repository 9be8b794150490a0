// Payment's queries and mutations: read the arguments and the caller, call the service, map the
// result. Expected refusals (DomainError) become userErrors; the rules live in the services.
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { DomainError, forbidden } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { ownerOf, requireAdmin, requireCaller } from "@trolley/identity";
import type { PaymentContext } from "../context.js";
import { Payment, PaymentPayload, PayOrderArgs, RefundPaymentArgs } from "./payment.type.js";

const refused = (error: unknown, payment: Payment | null = null): PaymentPayload => {
  if (!(error instanceof DomainError)) throw error;
  return PaymentPayload.of(payment, error.errors.map((e) => UserError.from(e)));
};

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => Payment, { nullable: true, description: "One of the caller's payments (any payment for admin)." })
  async payment(@Arg("id", () => ID) id: string, @Ctx() ctx: PaymentContext): Promise<Payment | null> {
    requireCaller(ctx.identity);
    const payment = await ctx.payments.find(ctx.identity, id);
    return payment && Payment.from(payment);
  }

  @FieldResolver(() => String, { nullable: true })
  clientSecret(@Root() payment: Payment, @Ctx() ctx: PaymentContext): string | null {
    return ctx.payments.clientSecret(ctx.identity, payment);
  }

  @Mutation(() => PaymentPayload, { description: "Charges the order's own total with the payment method the token stands for." })
  async payOrder(
    @Args(() => PayOrderArgs) { orderId, paymentMethodToken, idempotencyKey }: PayOrderArgs,
    @Ctx() ctx: PaymentContext,
  ): Promise<PaymentPayload> {
    const caller = requireCaller(ctx.identity);
    try {
      const { payment, failure } = await ctx.payOrder.pay(ownerOf(caller)!, { orderId, paymentMethodToken, idempotencyKey });
      return PaymentPayload.of(Payment.from(payment), failure ? [UserError.from(failure)] : []);
    } catch (error) {
      return refused(error);
    }
  }

  @Mutation(() => PaymentPayload, { description: "Admin only: refunds a succeeded payment in full." })
  async refundPayment(@Args(() => RefundPaymentArgs) { paymentId, idempotencyKey }: RefundPaymentArgs, @Ctx() ctx: PaymentContext): Promise<PaymentPayload> {
    // FORBIDDEN, not requireAdmin's UNAUTHENTICATED, to a caller who is not signed in (or a
    // service): refundPayment has always answered that, and refund.test.ts holds it to it.
    if (ownerOf(ctx.identity) === null) throw forbidden("Only admins may refund payments.");
    const admin = requireAdmin(ctx.identity, "refund payments");
    try {
      return PaymentPayload.of(Payment.from(await ctx.refunds.refund(admin, { paymentId, idempotencyKey })), []);
    } catch (error) {
      // The payment is answered unchanged when the refund was refused.
      const current = error instanceof DomainError ? await ctx.payments.find(admin, paymentId) : null;
      return refused(error, current && Payment.from(current));
    }
  }
}
