import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { requireCaller } from "@trolley/identity";
import type { OrderContext } from "../context.js";
import { orderPage, orderPageRequest } from "./order-paging.rules.js";
import { canSeeOrder } from "./order-visibility.rules.js";
import { Order, OrderConnection, OrderLine } from "./order.type.js";

@ArgsType()
class OrdersArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { nullable: true, description: "One of the caller's orders (any order for admin)." })
  async order(@Arg("id", () => ID) id: string, @Ctx() ctx: OrderContext): Promise<Order | null> {
    requireCaller(ctx.identity);
    const record = await ctx.loaders.order.load(id);
    // An order the caller may not see answers like one that does not exist.
    return record && canSeeOrder(ctx.identity, record) ? Order.from(record) : null;
  }

  @Query(() => OrderConnection, { description: "The caller's orders, newest first." })
  async orders(@Args(() => OrdersArgs) { first, after }: OrdersArgs, @Ctx() ctx: OrderContext): Promise<OrderConnection> {
    const caller = requireCaller(ctx.identity);
    const request = orderPageRequest(first, after);
    const rows = await ctx.stores.orders.listByOwner(caller.subject, request);
    // Prime the loader so order references later in this request need no query.
    for (const row of rows) ctx.loaders.order.prime(row.id, row);
    const page = orderPage(rows, request);
    return { edges: page.edges.map(({ cursor, node }) => ({ cursor, node: Order.from(node) })), pageInfo: page.pageInfo };
  }

  @FieldResolver(() => [OrderLine])
  async lines(@Root() order: Order, @Ctx() ctx: OrderContext): Promise<OrderLine[]> {
    const lines = await ctx.loaders.linesByOrder.load(order.id);
    return lines.map((line) => OrderLine.from(line, order.currencyCode));
  }
}
