// How the gateway's references to an Order resolve here: through the request's loader, so all the
// orders of one `_entities` call are fetched by one query. An order the caller may not see is null.
import type { OrderContext } from "../context.js";
import { Order } from "./order.type.js";

export const orderReference = {
  async __resolveReference(reference: { id: string }, ctx: OrderContext): Promise<Order | null> {
    const order = await ctx.orders.referenced(ctx.identity, reference.id);
    return order && Order.from(order);
  },
};
