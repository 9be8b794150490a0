// Thin: the caller, the order service, and the GraphQL types.
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { PageArgs } from "../page-args.type.js";
import { OrderServiceLine } from "./order-delivery.type.js";
import { Order, OrderConnection, OrderLine } from "./order.type.js";

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { nullable: true, description: "One of the caller's orders (any order for admin)." })
  async order(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<Order | null> {
    requireCaller(ctx.identity);
    const order = await ctx.orders.find(ctx.identity, id);
    return order && Order.from(order);
  }

  @Query(() => OrderConnection, { description: "The caller's orders, newest first." })
  async orders(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: OrderContext): Promise<OrderConnection> {
    const caller = requireCaller(ctx.identity);
    const page = await ctx.orders.history(caller.subject, first, after);
    return { edges: page.edges.map(({ cursor, node }) => ({ cursor, node: Order.from(node) })), pageInfo: page.pageInfo };
  }

  @FieldResolver(() => [OrderLine])
  async lines(@Root() order: Order, @Ctx() ctx: OrderContext): Promise<OrderLine[]> {
    const lines = await ctx.loaders.linesByOrder.load(order.id);
    return lines.map((line) => OrderLine.from(line, order.currencyCode));
  }

  @FieldResolver(() => [OrderServiceLine], { description: "Services sold with the goods: attached to a line, or standalone." })
  async serviceLines(@Root() order: Order, @Ctx() ctx: OrderContext): Promise<OrderServiceLine[]> {
    const lines = await ctx.loaders.serviceLinesByOrder.load(order.id);
    return lines.map((line) => OrderServiceLine.from(line, order.currencyCode));
  }
}
