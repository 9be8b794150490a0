// References to a cart's service lines (pricing's CartServiceLine.subtotal) resolve through the
// request's loader, under the cart's access rule: only the owner (or a service) sees one.
import type { CartContext } from "../context.js";
import { mayReadCart } from "../cart/cart-access.rules.js";
import { toCartServiceLine } from "./service-line.mapping.js";
import type { CartServiceLine } from "./service-line.type.js";

export const cartServiceLineReference = {
  async __resolveReference(reference: { id: string }, ctx: CartContext): Promise<CartServiceLine | null> {
    const row = await ctx.loaders.serviceLine.load(reference.id);
    if (!row || !mayReadCart(ctx.identity, row.ownerId)) return null;
    return toCartServiceLine(row);
  },
};
