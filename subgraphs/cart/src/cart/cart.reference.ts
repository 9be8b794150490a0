// References to carts and lines from other subgraphs' plans resolve through the request's loaders.
// Only the owner (or a service) may see a cart, whichever way it is reached.
import type { Identity } from "@trolley/identity";
import type { CartContext } from "../context.js";
import { toCart, toCartLine } from "./cart.mapping.js";
import type { Cart, CartLine } from "./cart.type.js";

const mayRead = (identity: Identity, ownerId: string) =>
  identity.kind === "service" || ((identity.kind === "user" || identity.kind === "guest") && identity.subject === ownerId);

export const cartReference = {
  async __resolveReference(reference: { id: string }, ctx: CartContext): Promise<Cart | null> {
    const cart = await ctx.loaders.cart.load(reference.id);
    if (!cart || !mayRead(ctx.identity, cart.ownerId)) return null;
    const all = await ctx.loaders.linesOfCart.load(cart.id);
    return toCart({ cart, lines: all.filter((l) => !l.savedAt), saved: all.filter((l) => l.savedAt) });
  },
};

export const cartLineReference = {
  async __resolveReference(reference: { id: string }, ctx: CartContext): Promise<CartLine | null> {
    const line = await ctx.loaders.line.load(reference.id);
    if (!line || !mayRead(ctx.identity, line.cart.ownerId)) return null;
    return toCartLine(line);
  },
};
