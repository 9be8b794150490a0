// Thin: the caller, the use case, and the payload. Expected refusals come back as userErrors.
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { orderPayload } from "../order/order-payload.js";
import { CheckoutPayload } from "./checkout.type.js";

@Resolver()
export class CheckoutResolver {
  @Mutation(() => CheckoutPayload, {
    description: "Turns the caller's cart into an order: prices snapshotted, stock reserved for all lines or none, the cart closed. The same key sent again returns the same order.",
  })
  async checkout(@Arg("idempotencyKey", () => String) idempotencyKey: string, @Ctx() ctx: OrderContext): Promise<CheckoutPayload> {
    const caller = requireCaller(ctx.identity);
    return orderPayload(() => ctx.checkout.checkout(caller, idempotencyKey));
  }
}
