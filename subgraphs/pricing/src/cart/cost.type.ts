// The public shapes of a quote (contract v2, "Pricing the cart"): what a cart costs, what each of
// its lines costs, and the discounts and codes behind it. Amounts are Money, decimal strings.
import { Field, ObjectType } from "type-graphql";
import { Discount, Money } from "@trolley/federation";
import type { LineDiscountShare, Quote, QuoteLine } from "../quote/index.js";

/** A line's part of a LINE promotion, as the Discount it is. */
export const lineDiscount = (share: LineDiscountShare, currencyCode: string): Discount => Discount.of({ ...share, target: "LINE" }, currencyCode);

@ObjectType()
export class CartDiscountCode {
  @Field(() => String, { description: "As the shopper entered it (codes match case-insensitively)." })
  code!: string;

  @Field(() => Boolean, { description: "False while the cart does not meet its conditions; it stays entered and applies again when it does." })
  applicable!: boolean;
}

@ObjectType()
export class CartCost {
  @Field(() => Money, { description: "Goods: sum of line subtotals at current catalog prices, before discounts." })
  subtotal!: Money;

  @Field(() => Money)
  servicesSubtotal!: Money;

  @Field(() => Money, { nullable: true, description: "Null until a shipping option is selected. Before discounts: shipping discounts are in `discounts`." })
  shipping!: Money | null;

  @Field(() => [Discount], { description: "Every promotion applied, with what each takes off." })
  discounts!: Discount[];

  @Field(() => Money)
  discountTotal!: Money;

  @Field(() => Money)
  tax!: Money;

  @Field(() => Boolean, { description: "True where prices already include tax (the tax is then inside the other amounts)." })
  taxIncluded!: boolean;

  @Field(() => Boolean, { description: "True until a shipping address is set (tax for the shop's default country)." })
  taxEstimated!: boolean;

  @Field(() => Money, { description: "subtotal + servicesSubtotal + shipping - discountTotal (+ tax unless taxIncluded)." })
  total!: Money;

  static from(quote: Quote): CartCost {
    const money = (amountMinor: number) => Money.of(amountMinor, quote.currencyCode);
    return {
      subtotal: money(quote.subtotalMinor),
      servicesSubtotal: money(quote.servicesSubtotalMinor),
      shipping: quote.shippingMinor === null ? null : money(quote.shippingMinor),
      discounts: quote.discounts.map((discount) => Discount.of(discount, quote.currencyCode)),
      discountTotal: money(quote.discountTotalMinor),
      tax: money(quote.taxMinor),
      taxIncluded: quote.taxIncluded,
      taxEstimated: quote.taxEstimated,
      total: money(quote.totalMinor),
    };
  }
}

@ObjectType()
export class CartLineCost {
  @Field(() => Money)
  amountPerQuantity!: Money;

  @Field(() => Money, { description: "amountPerQuantity x quantity." })
  subtotal!: Money;

  @Field(() => Money, { description: "Line discounts allocated to this line; across lines they sum exactly to the LINE discounts." })
  discountTotal!: Money;

  @Field(() => Money)
  tax!: Money;

  @Field(() => Money, { description: "subtotal - discountTotal (+ tax unless taxIncluded)." })
  total!: Money;

  static from(line: QuoteLine, currencyCode: string): CartLineCost {
    const money = (amountMinor: number) => Money.of(amountMinor, currencyCode);
    return {
      amountPerQuantity: money(line.amountPerQuantityMinor),
      subtotal: money(line.subtotalMinor),
      discountTotal: money(line.discountTotalMinor),
      tax: money(line.taxMinor),
      total: money(line.totalMinor),
    };
  }
}
