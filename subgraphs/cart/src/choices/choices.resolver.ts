// Thin: the shopper's email, shipping address and shipping selection. Each is a cart change
// (CartPayload); the selection the cart holds is read by the shipping context and checkout
// (Cart.shippingSelection, @inaccessible), never priced here.
import { Arg, Args, Ctx, Mutation, Resolver } from "type-graphql";
import type { CartContext } from "../context.js";
import { cartPayload } from "../cart/cart-payload.js";
import { Cart, CartPayload } from "../cart/cart.type.js";
import { AddressInput, SelectShippingArgs } from "./choices.type.js";

@Resolver(() => Cart)
export class ChoicesResolver {
  @Mutation(() => CartPayload, {
    description: "Where order confirmations go: trimmed, its domain lower-cased; EMAIL_INVALID when it cannot be an address (or is over 254 characters).",
  })
  setCartEmail(@Arg("email", () => String) email: string, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.choices.setEmail(owner, email));
  }

  @Mutation(() => CartPayload, {
    description:
      "Where to deliver. SHIPPING_ADDRESS_INVALID names each field at fault (a missing field, an unknown country, a postal code that does not fit it, a missing or unknown US state or Canadian province). A shipping selection that no longer fits the new address is removed, with a SHIPPING_SELECTION_DROPPED warning.",
  })
  setShippingAddress(@Arg("address", () => AddressInput) address: AddressInput, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.choices.setShippingAddress(owner, address));
  }

  @Mutation(() => CartPayload, { description: "Replaces the whole selection: add-ons not listed are not selected." })
  selectShipping(@Args(() => SelectShippingArgs) { optionId, deliveryDate, addOnIds }: SelectShippingArgs, @Ctx() ctx: CartContext): Promise<CartPayload> {
    return cartPayload(ctx, (owner) => ctx.shippingSelections.select(owner, { optionId, deliveryDate, addOnIds }));
  }
}
