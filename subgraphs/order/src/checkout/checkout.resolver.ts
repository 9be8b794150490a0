// Thin: the caller, the use case, and the payload. Expected refusals come back as userErrors.
import { Args, ArgsType, Ctx, Field, Mutation, Resolver } from "type-graphql";
import { requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { orderPayload } from "../order/order-payload.js";
import { CheckoutPayload } from "./checkout.type.js";

// An ArgsType keeps the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
class CheckoutArgs {
  @Field(() => String, { description: "Sent again, answers the same order and changes nothing." })
  idempotencyKey!: string;

  @Field(() => String, { nullable: true, description: "The cost.total the shopper saw (a decimal amount); if the quote differs now, CART_CHANGED and nothing happens." })
  expectedTotal?: string | null;
}

@Resolver()
export class CheckoutResolver {
  @Mutation(() => CheckoutPayload, {
    description:
      "Turns the caller's cart into an order: its quote snapshotted, stock and code uses reserved for all lines or none, the cart closed. The same key sent again returns the same order.",
  })
  async checkout(@Args(() => CheckoutArgs) { idempotencyKey, expectedTotal }: CheckoutArgs, @Ctx() ctx: OrderContext): Promise<CheckoutPayload> {
    const caller = requireCaller(ctx.identity);
    return orderPayload(() => ctx.checkout.checkout(caller, { idempotencyKey, expectedTotal }));
  }
}
