// Thin: the services a shopper adds to the cart and removes. Both are cart changes (CartPayload);
// the cart's service lines are read through the request's loader.
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { CartContext } from "../context.js";
import { cartPayload } from "../cart/cart-payload.js";
import { Cart, CartPayload } from "../cart/cart.type.js";
import { toCartServiceLine } from "./service-line.mapping.js";
import { AddServiceArgs, CartServiceLine } from "./service-line.type.js";

@Resolver(() => Cart)
export class ServiceLineResolver {
  @Mutation(() => CartPayload, { description: "With lineId: a FOR_LINE service for that line (removed with it). Without: a STANDALONE service." })
  addService(@Args(() => AddServiceArgs) { serviceId, lineId }: AddServiceArgs, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.serviceLines.add(owner, serviceId, lineId ?? null));
  }

  @Mutation(() => CartPayload, { description: "Removes a service line; SERVICE_LINE_NOT_FOUND if the cart has none with that id." })
  removeService(@Arg("serviceLineId", () => ID) serviceLineId: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.serviceLines.remove(owner, serviceLineId));
  }

  @FieldResolver(() => [CartServiceLine], { description: "Services attached to lines, and standalone services." })
  async serviceLines(@Root() cart: Cart, @Ctx() ctx: CartContext): Promise<CartServiceLine[]> {
    return (await ctx.loaders.serviceLinesOfCart.load(cart.id)).map(toCartServiceLine);
  }
}
