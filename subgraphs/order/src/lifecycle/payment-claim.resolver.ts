// Thin: only services may call (the payment subgraph, with its service identity), the lifecycle
// does the rest. @inaccessible: the gateway never exposes it.
import { Args, Ctx, Directive, Mutation, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireService } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { ClaimOrderPaymentArgs, OrderPaymentClaim, OrderPaymentClaimPayload } from "./payment-claim.type.js";

@Resolver()
export class PaymentClaimResolver {
  @Mutation(() => OrderPaymentClaimPayload, {
    description:
      "Services only. Before charging: marks the payment as the one in flight for the order, if the order is the owner's and awaiting payment (ORDER_NOT_FOUND, ORDER_NOT_PAYABLE otherwise). Cancel and expiry respect the claim.",
  })
  @Directive("@inaccessible")
  async claimOrderPayment(@Args(() => ClaimOrderPaymentArgs) args: ClaimOrderPaymentArgs, @Ctx() ctx: OrderContext): Promise<OrderPaymentClaimPayload> {
    requireService(ctx.identity, "claim an order for a payment");
    try {
      return { claim: OrderPaymentClaim.from(await ctx.lifecycle.claimPayment(args)), userErrors: [] };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { claim: null, userErrors: error.errors.map(UserError.from) };
    }
  }
}
