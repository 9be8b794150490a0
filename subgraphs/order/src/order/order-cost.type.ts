// What an order cost: the cart's quote as pricing answered it at checkout, kept with the order and
// never recomputed. Discount is the value type pricing returns for carts too (libs/federation).
import { Field, ObjectType } from "type-graphql";
import { Discount, Money, type DiscountAmount } from "@trolley/federation";

/** One discount of the snapshot, as stored with the order. */
export type DiscountRecord = DiscountAmount;

/** The order-level amounts of the snapshot, in minor units of the order's currency. */
export interface OrderCostRecord {
  subtotalMinor: number;
  servicesSubtotalMinor: number;
  /** Zero until orders carry a delivery (shipping is selected in the cart). */
  shippingMinor: number;
  discounts: DiscountRecord[];
  discountTotalMinor: number;
  taxMinor: number;
  taxIncluded: boolean;
  totalMinor: number;
}

@ObjectType({ description: "Snapshot of the cart's quote at checkout." })
export class OrderCost {
  @Field(() => Money, { description: "Goods: sum of line subtotals at the prices of checkout, before discounts." })
  subtotal!: Money;

  @Field(() => Money)
  servicesSubtotal!: Money;

  @Field(() => Money, { description: "Before discounts: shipping discounts are in `discounts`. Zero for an order without delivery." })
  shipping!: Money;

  @Field(() => [Discount], { description: "Every promotion applied, with what each took off." })
  discounts!: Discount[];

  @Field(() => Money)
  discountTotal!: Money;

  @Field(() => Money)
  tax!: Money;

  @Field(() => Boolean, { description: "True where prices already included tax (the tax is then inside the other amounts)." })
  taxIncluded!: boolean;

  @Field(() => Money, { description: "subtotal + servicesSubtotal + shipping - discountTotal (+ tax unless taxIncluded): what payment charges." })
  total!: Money;

  static from(cost: OrderCostRecord, currencyCode: string): OrderCost {
    const money = (amountMinor: number) => Money.of(amountMinor, currencyCode);
    return Object.assign(new OrderCost(), {
      subtotal: money(cost.subtotalMinor),
      servicesSubtotal: money(cost.servicesSubtotalMinor),
      shipping: money(cost.shippingMinor),
      discounts: cost.discounts.map((discount) => Discount.of(discount, currencyCode)),
      discountTotal: money(cost.discountTotalMinor),
      tax: money(cost.taxMinor),
      taxIncluded: cost.taxIncluded,
      total: money(cost.totalMinor),
    });
  }
}
