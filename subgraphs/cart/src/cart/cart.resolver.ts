// Thin: who is asking, which use case, and how its outcome reads as a payload.
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireAdmin, requireCaller, requireUser } from "@trolley/identity";
import type { CartContext } from "../context.js";
import { cartPayload } from "./cart-payload.js";
import { toCart, toCartEvent } from "./cart.mapping.js";
import { Cart, CartEvent, CartLineInput, CartPayload, LineArgs } from "./cart.type.js";

@Resolver(() => Cart)
export class CartResolver {
  @Query(() => Cart, { description: "The caller's active cart; an empty cart if it has none yet." })
  async cart(@Ctx() ctx: CartContext): Promise<Cart> {
    return toCart(await ctx.carts.current(requireCaller(ctx.identity).subject));
  }

  @Query(() => Cart, { nullable: true, description: "Admin: the latest cart of a user or guest (support looks carts up by owner)." })
  async customerCart(@Arg("ownerId", () => String) ownerId: string, @Ctx() ctx: CartContext): Promise<Cart | null> {
    requireAdmin(ctx.identity, "see other carts and cart history");
    const latest = await ctx.carts.latest(ownerId);
    return latest && toCart(latest);
  }

  @Mutation(() => CartPayload, { description: "Adds to the line of this product (2 then 1 gives 3), or adds a line." })
  addToCart(@Args(() => LineArgs) { productId, quantity }: LineArgs, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.add(owner, productId, quantity));
  }

  @Mutation(() => CartPayload, {
    description: "Adds several lines at once: all or none. Each failing line is reported with its index in `field` (lines, <index>, ...).",
  })
  addToCartBulk(@Arg("lines", () => [CartLineInput]) lines: CartLineInput[], @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.addMany(owner, lines));
  }

  @Mutation(() => CartPayload, { description: "Sets the quantity of the line of this product; 0 removes the line." })
  updateCartLine(@Args(() => LineArgs) { productId, quantity }: LineArgs, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.update(owner, productId, quantity));
  }

  @Mutation(() => CartPayload)
  removeFromCart(@Arg("productId", () => ID) productId: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.remove(owner, productId));
  }

  @Mutation(() => CartPayload)
  clearCart(@Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.clear(owner));
  }

  @Mutation(() => CartPayload, { description: "Moves a line to the saved-for-later list." })
  saveForLater(@Arg("productId", () => ID) productId: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.saveForLater(owner, productId));
  }

  @Mutation(() => CartPayload, { description: "Moves a saved item back into the cart (checked against stock and the line limit)." })
  moveToCart(@Arg("productId", () => ID) productId: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.carts.moveToCart(owner, productId));
  }

  @FieldResolver(() => [CartEvent], { description: "Admin: the cart's history, newest first (its audit trail)." })
  async cartEvents(@Root() cart: Cart, @Ctx() ctx: CartContext, @Arg("first", () => Int, { defaultValue: 50 }) first: number): Promise<CartEvent[]> {
    requireAdmin(ctx.identity, "see other carts and cart history");
    return (await ctx.history.events(cart.id, first)).map(toCartEvent);
  }
}

@Resolver(() => Cart)
export class MergeGuestCartResolver {
  @Mutation(() => CartPayload, {
    description:
      "Moves a guest cart's lines and codes into the signed-in user's cart (quantities add up, capped by stock) and retires the guest cart.",
  })
  async mergeGuestCart(@Arg("guestToken", () => String) guestToken: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    requireUser(ctx.identity, "Sign in to merge a guest cart into your cart.");
    // A token that is not a guest's is refused like any other change: the user's cart as it is.
    return cartPayload(ctx, async (owner) => ctx.merges.merge(owner, await ctx.guests.guestOf(guestToken)));
  }
}
