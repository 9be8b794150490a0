// Thin: the priced fields of carts and their lines, each read from the cart's one quote, and what a
// service line costs (its service's price times its quantity, as the quote prices it).
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { serviceUnavailable } from "@trolley/errors";
import { Money } from "@trolley/federation";
import type { PricingContext } from "../context.js";
import { quoteOfCart, quoteOfLine } from "./cart-quote.js";
import { CatalogDataMissing, serviceLineSubtotal } from "./cart-quote.rules.js";
import { Cart, CartLine, CartServiceLine, type RequiredCart, type RequiredCartLine, type RequiredServiceLine } from "./cart.type.js";
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

@Resolver(() => CartServiceLine)
export class CartServiceLineCostResolver {
  /** Needs no rules: a service is never discounted, so its subtotal is the catalog's price times the quantity. */
  @FieldResolver(() => Money, { nullable: true })
  subtotal(@Root() serviceLine: RequiredServiceLine): Money {
    try {
      const { amountMinor, currencyCode } = serviceLineSubtotal(serviceLine);
      return Money.of(amountMinor, currencyCode);
    } catch (error) {
      if (error instanceof CatalogDataMissing) throw serviceUnavailable("catalog");
      throw error;
    }
  }
}
