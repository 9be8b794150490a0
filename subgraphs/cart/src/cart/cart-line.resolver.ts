// CartLine.cart: a line reached as part of its cart already points at it (cart.mapping.ts); one
// reached on its own (a reference from another subgraph's plan) finds its cart through the loaders,
// under the same access rule as a reference to the cart.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { CartContext } from "../context.js";
import { cartReference } from "./cart.reference.js";
import { Cart, CartLine } from "./cart.type.js";

@Resolver(() => CartLine)
export class CartLineResolver {
  @FieldResolver(() => Cart)
  async cart(@Root() line: CartLine, @Ctx() ctx: CartContext): Promise<Cart | null> {
    return line.cart ?? cartReference.__resolveReference({ id: line.cartId }, ctx);
  }
}
