// References to carts and lines from other subgraphs' plans resolve through the request's loaders.
// Only the owner (or a service) may see a cart, whichever way it is reached.
import type { CartContext } from "../context.js";
import { mayReadCart } from "./cart-access.rules.js";
import { cartState } from "./cart-state.js";
import { toCart, toCartLine } from "./cart.mapping.js";
import type { Cart, CartLine } from "./cart.type.js";

export const cartReference = {
  async __resolveReference(reference: { id: string }, ctx: CartContext): Promise<Cart | null> {
    const cart = await ctx.loaders.cart.load(reference.id);
    if (!cart || !mayReadCart(ctx.identity, cart.ownerId)) return null;
    return toCart(cartState(cart, await ctx.loaders.linesOfCart.load(cart.id)));
  },
};

export const cartLineReference = {
  async __resolveReference(reference: { id: string }, ctx: CartContext): Promise<CartLine | null> {
    const line = await ctx.loaders.line.load(reference.id);
    if (!line || !mayReadCart(ctx.identity, line.cart.ownerId)) return null;
    return toCartLine(line);
  },
};
