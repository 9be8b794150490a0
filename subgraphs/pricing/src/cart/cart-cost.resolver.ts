// Thin: the priced fields of carts and their lines, each read from the cart's one quote.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Money } from "@trolley/federation";
import type { PricingContext } from "../context.js";
import { quoteOfCart, quoteOfLine } from "./cart-quote.js";
import { Cart, CartLine, type RequiredCart, type RequiredCartLine } from "./cart.type.js";
import { Discount } from "@trolley/federation";
import { CartCost, CartDiscountCode, CartLineCost, lineDiscount } from "./cost.type.js";

@Resolver(() => Cart)
export class CartCostResolver {
  @FieldResolver(() => CartCost, { nullable: true })
  async cost(@Root() cart: RequiredCart, @Ctx() ctx: PricingContext): Promise<CartCost> {
    return CartCost.from(await quoteOfCart(cart, ctx));
  }

  @FieldResolver(() => [CartDiscountCode], { nullable: true })
  async discountCodes(@Root() cart: RequiredCart, @Ctx() ctx: PricingContext): Promise<CartDiscountCode[]> {
    const quote = await quoteOfCart(cart, ctx);
    return quote.codes.map(({ code, applicable }) => ({ code, applicable }));
  }
}

@Resolver(() => CartLine)
export class CartLineCostResolver {
  @FieldResolver(() => Money, { nullable: true })
  async subtotal(@Root() line: RequiredCartLine, @Ctx() ctx: PricingContext): Promise<Money | null> {
    const priced = await quoteOfLine(line, ctx);
    return priced && Money.of(priced.line.subtotalMinor, priced.quote.currencyCode);
  }

  @FieldResolver(() => CartLineCost, { nullable: true })
  async cost(@Root() line: RequiredCartLine, @Ctx() ctx: PricingContext): Promise<CartLineCost | null> {
    const priced = await quoteOfLine(line, ctx);
    return priced && CartLineCost.from(priced.line, priced.quote.currencyCode);
  }

  @FieldResolver(() => [Discount], { nullable: true })
  async discounts(@Root() line: RequiredCartLine, @Ctx() ctx: PricingContext): Promise<Discount[] | null> {
    const priced = await quoteOfLine(line, ctx);
    return priced && priced.line.discounts.map((share) => lineDiscount(share, priced.quote.currencyCode));
  }
}
