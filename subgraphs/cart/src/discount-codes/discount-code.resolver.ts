// Thin: the shopper's discount codes on the cart. Entering and removing one are cart changes
// (CartPayload); the codes a cart holds are read by pricing (discountCodeEntries, @inaccessible),
// which answers the public Cart.discountCodes and Cart.cost from them.
import { Arg, Ctx, Directive, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { CartContext } from "../context.js";
import { cartPayload } from "../cart/cart-payload.js";
import { Cart, CartPayload } from "../cart/cart.type.js";

@Resolver(() => Cart)
export class DiscountCodeResolver {
  @Mutation(() => CartPayload, {
    description:
      "Enters a discount code (matched case-insensitively). Refused with the reason in userErrors when it does not apply to this cart; entering a code the cart holds changes nothing.",
  })
  applyDiscountCode(@Arg("code", () => String) code: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.discountCodes.apply(owner, code));
  }

  @Mutation(() => CartPayload, { description: "Removes an entered discount code (any case); DISCOUNT_CODE_NOT_FOUND if the cart holds no such code." })
  removeDiscountCode(@Arg("code", () => String) code: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.discountCodes.remove(owner, code));
  }

  @FieldResolver(() => [String], { description: "Internal: the discount codes the shopper entered, as entered, in entry order (read by pricing)." })
  @Directive("@inaccessible")
  discountCodeEntries(@Root() cart: Cart, @Ctx() ctx: CartContext): Promise<string[]> {
    return ctx.loaders.discountCodesOfCart.load(cart.id);
  }
}
