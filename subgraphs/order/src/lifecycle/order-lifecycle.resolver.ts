// Thin: the caller, the lifecycle's move, and the payload. Expected refusals come back as userErrors.
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { requireAdmin, requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { orderPayload } from "../order/order-payload.js";
import { OrderPayload } from "./order-lifecycle.type.js";

@Resolver()
export class OrderLifecycleResolver {
  @Mutation(() => OrderPayload, { description: "Cancels one of the caller's unpaid orders; its stock goes back on sale." })
  async cancelOrder(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<OrderPayload> {
    requireCaller(ctx.identity);
    return orderPayload(() => ctx.lifecycle.cancel(ctx.identity, id));
  }

  @Mutation(() => OrderPayload, { description: "Admin: marks a paid order fulfilled (shipped)." })
  async fulfillOrder(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<OrderPayload> {
    requireAdmin(ctx.identity, "fulfill orders");
    return orderPayload(() => ctx.lifecycle.fulfill(id));
  }
}
