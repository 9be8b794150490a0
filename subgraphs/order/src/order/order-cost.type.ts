// What an order cost: the cart's quote as pricing answered it at checkout, kept with the order and
// never recomputed. Discount and DiscountTarget are value types the pricing subgraph returns too
// (for carts): same shape there and here, hence @shareable.
import { Directive, Field, ObjectType, registerEnumType } from "type-graphql";
import { Money } from "@trolley/federation";

export enum DiscountTarget {
  LINE = "LINE",
  ORDER = "ORDER",
  SHIPPING = "SHIPPING",
}
registerEnumType(DiscountTarget, { name: "DiscountTarget" });

/** One discount of the snapshot, as stored with the order. */
export interface DiscountRecord {
  /** As the shopper entered it; null for an automatic promotion. */
  code: string | null;
  title: string;
  target: `${DiscountTarget}`;
  amountMinor: number;
}

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

@ObjectType({ description: "A promotion applied to a cart or order: from a code the shopper entered, or automatic." })
@Directive("@shareable")
export class Discount {
  @Field(() => String, { nullable: true, description: "The code the shopper entered; null for an automatic promotion." })
  code!: string | null;

  @Field(() => String, { description: 'Shopper-facing, e.g. "3 for 2 on board games".' })
  title!: string;

  @Field(() => DiscountTarget)
  target!: DiscountTarget;

  @Field(() => Money, { description: "What it takes off (positive)." })
  amount!: Money;

  static from(discount: DiscountRecord, currencyCode: string): Discount {
    return Object.assign(new Discount(), {
      code: discount.code,
      title: discount.title,
      target: discount.target as DiscountTarget,
      amount: Money.of(discount.amountMinor, currencyCode),
    });
  }
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
      discounts: cost.discounts.map((discount) => Discount.from(discount, currencyCode)),
      discountTotal: money(cost.discountTotalMinor),
      tax: money(cost.taxMinor),
      taxIncluded: cost.taxIncluded,
      total: money(cost.totalMinor),
    });
  }
}
