// Thin: the caller, the use case, and the payload. Expected refusals come back as userErrors.
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { DomainError, forbidden } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { isAdmin, requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { CheckoutPayload, OrderPayload } from "./checkout.type.js";
import { Order, type OrderRecord } from "./order.type.js";

@Resolver()
export class CheckoutResolver {
  @Mutation(() => CheckoutPayload, {
    description: "Turns the caller's cart into an order: prices snapshotted, stock reserved for all lines or none, the cart closed. The same key sent again returns the same order.",
  })
  async checkout(@Arg("idempotencyKey", () => String) idempotencyKey: string, @Ctx() ctx: OrderContext): Promise<CheckoutPayload> {
    const caller = requireCaller(ctx.identity);
    return payload(() => ctx.checkout.checkout(caller, idempotencyKey));
  }

  @Mutation(() => OrderPayload, { description: "Cancels one of the caller's unpaid orders; its stock goes back on sale." })
  async cancelOrder(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<OrderPayload> {
    requireCaller(ctx.identity);
    return payload(() => ctx.lifecycle.cancel(ctx.identity, id));
  }

  @Mutation(() => OrderPayload, { description: "Admin: marks a paid order fulfilled (shipped)." })
  async fulfillOrder(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<OrderPayload> {
    requireCaller(ctx.identity, "Sign in as an admin to do this.");
    if (!isAdmin(ctx.identity)) throw forbidden("Only admins may fulfill orders.");
    return payload(() => ctx.lifecycle.fulfill(id));
  }
}

async function payload(work: () => Promise<OrderRecord>): Promise<{ order: Order | null; userErrors: UserError[] }> {
  try {
    return { order: Order.from(await work()), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) return { order: null, userErrors: error.errors.map((e) => UserError.from(e)) };
    throw error;
  }
}
