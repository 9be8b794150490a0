// Thin: who is asking, which use case, and how its outcome reads as a payload.
import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireCaller, requireUser, verifyAccessToken } from "@trolley/identity";
import type { CartContext } from "../context.js";
import { toCart } from "./cart.mapping.js";
import type { CartState } from "./cart.service.js";
import { Cart, CartPayload } from "./cart.type.js";

// An ArgsType keeps the arguments in the contract's order (separate @Arg parameters print reversed).
@ArgsType()
class LineArgs {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;
}

@Resolver(() => Cart)
export class CartResolver {
  @Query(() => Cart, { description: "The caller's active cart; an empty cart if it has none yet." })
  async cart(@Ctx() ctx: CartContext): Promise<Cart> {
    return toCart(await ctx.carts.current(requireCaller(ctx.identity).subject));
  }

  @Mutation(() => CartPayload, { description: "Adds to the line of this product (2 then 1 gives 3), or adds a line." })
  addToCart(@Args(() => LineArgs) { productId, quantity }: LineArgs, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return payload(ctx, (owner) => ctx.carts.add(owner, productId, quantity));
  }

  @Mutation(() => CartPayload, { description: "Sets the quantity of the line of this product; 0 removes the line." })
  updateCartLine(@Args(() => LineArgs) { productId, quantity }: LineArgs, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return payload(ctx, (owner) => ctx.carts.update(owner, productId, quantity));
  }

  @Mutation(() => CartPayload)
  removeFromCart(@Arg("productId", () => ID) productId: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return payload(ctx, (owner) => ctx.carts.remove(owner, productId));
  }

  @Mutation(() => CartPayload)
  clearCart(@Ctx() ctx: CartContext): Promise<CartPayload> {
    return payload(ctx, (owner) => ctx.carts.clear(owner));
  }
}

@Resolver(() => Cart)
export class MergeGuestCartResolver {
  @Mutation(() => CartPayload, {
    description: "Moves a guest cart's lines into the signed-in user's cart (quantities add up, capped by stock) and retires the guest cart.",
  })
  async mergeGuestCart(@Arg("guestToken", () => String) guestToken: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    const user = requireUser(ctx.identity, "Sign in to merge a guest cart into your cart.");
    const guest = await verifyAccessToken(guestToken, ctx.guestTokens).catch(() => null);
    if (guest?.kind !== "guest") {
      const refusal = new DomainError("GUEST_TOKEN_INVALID", "That is not a valid guest token.", ["guestToken"]);
      return { cart: toCart(await ctx.carts.current(user.subject)), userErrors: refusal.errors.map(UserError.from) };
    }
    let warnings: UserError[] = [];
    const result = await payload(ctx, async (owner) => {
      const merged = await ctx.carts.mergeGuest(owner, guest.subject);
      warnings = merged.warnings.map(UserError.from);
      return merged;
    });
    return { ...result, userErrors: [...result.userErrors, ...warnings] };
  }
}

/** Runs a cart change; an expected refusal answers the unchanged cart with its userErrors. */
async function payload(ctx: CartContext, change: (owner: string) => Promise<CartState>): Promise<CartPayload> {
  const owner = requireCaller(ctx.identity).subject;
  try {
    return { cart: toCart(await change(owner)), userErrors: [] };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "CATALOG_UNAVAILABLE") ctx.logger.warn("catalog unavailable", { requestId: ctx.requestId, reason: String((error as { reason?: string }).reason) });
    return { cart: toCart(await ctx.carts.current(owner)), userErrors: error.errors.map(UserError.from) };
  }
}
