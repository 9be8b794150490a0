// Cart.cost and CartLine.subtotal: computed here from the quantities and product ids the gateway
// passes along (@requires), so the cart never stores or fetches a price.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Money } from "@trolley/federation";
import type { CatalogContext } from "../context.js";
import { cartSubtotal, lineSubtotalMinor } from "./cart-pricing.service.js";
import { Cart, CartCost, CartLine } from "./cart.type.js";

type RequiredLine = { quantity: number; product: { id: string } };

@Resolver(() => CartLine)
export class CartLinePricingResolver {
  @FieldResolver(() => Money)
  async subtotal(@Root() line: RequiredLine, @Ctx() ctx: CatalogContext): Promise<Money> {
    const product = await ctx.loaders.product.load(line.product.id);
    return Money.of(lineSubtotalMinor({ productId: line.product.id, quantity: line.quantity }, product), product!.currencyCode);
  }
}

@Resolver(() => Cart)
export class CartPricingResolver {
  @FieldResolver(() => CartCost)
  async cost(@Root() cart: { lines: RequiredLine[] }, @Ctx() ctx: CatalogContext): Promise<CartCost> {
    const lines = cart.lines.map((line) => ({ productId: line.product.id, quantity: line.quantity }));
    const products = await ctx.loaders.product.loadMany(lines.map((line) => line.productId));
    const subtotal = cartSubtotal(lines, products.map((p) => (p instanceof Error ? null : p)), ctx.storeCurrency);
    const money = Money.of(subtotal.amountMinor, subtotal.currencyCode);
    // No shipping, tax or discounts yet: the total is the subtotal.
    return { subtotal: money, total: money };
  }
}

/** The gateway sends the required fields with the key; the representation is all we need. */
export const cartReferences = {
  Cart: { __resolveReference: (reference: unknown) => reference },
  CartLine: { __resolveReference: (reference: unknown) => reference },
};
