import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { CheckoutPayload } from "./checkout.type.js";
import { checkout } from "./order.service.js";
import { Order } from "./order.type.js";

@Resolver()
export class CheckoutResolver {
  @Mutation(() => CheckoutPayload, { description: "Turns the caller's cart into an order. The same key sent again returns the same order." })
  async checkout(@Arg("idempotencyKey", () => String) idempotencyKey: string, @Ctx() ctx: OrderContext): Promise<CheckoutPayload> {
    requireCaller(ctx.identity);
    try {
      const order = await checkout({ idempotencyKey });
      return { order: Order.from(order), userErrors: [] };
    } catch (error) {
      if (error instanceof DomainError) return { order: null, userErrors: error.errors.map((e) => UserError.from(e)) };
      throw error;
    }
  }
}
