// What clients see of shipping: the options a cart is offered, their add-ons, and the shopper's
// selection priced. Values, built per request from the cart's offers; SelectedShipping is
// @shareable because pricing reads its price for the quote.
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DateScalar, Money } from "@trolley/federation";
import type { AddOnRule, PricedOffer } from "../options/shipping-option.types.js";

@ObjectType({ description: "An extra an option offers for a price of its own (carry-in, Sunday delivery)." })
export class ShippingAddOn {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'e.g. "Sunday delivery".' })
  title!: string;

  @Field(() => Money)
  price!: Money;

  static of(addOn: AddOnRule, currencyCode: string): ShippingAddOn {
    return Object.assign(new ShippingAddOn(), { id: addOn.id, title: addOn.title, price: Money.of(addOn.priceMinor, currencyCode) });
  }
}

@ObjectType({ description: "A way to ship the cart, priced for it." })
export class ShippingOption {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Money, { description: "What this option costs for this cart, before shipping discounts." })
  price!: Money;

  @Field(() => [DateScalar], { description: "Days a delivery can be booked for, earliest first." })
  deliveryDates!: string[];

  @Field(() => Boolean, { description: "True when the carrier's calendar was unavailable and the dates come from the built-in one." })
  deliveryDatesEstimated!: boolean;

  @Field(() => [ShippingAddOn])
  addOns!: ShippingAddOn[];

  static of(offer: PricedOffer): ShippingOption {
    const { option } = offer;
    return Object.assign(new ShippingOption(), {
      id: option.id,
      title: option.title,
      price: Money.of(offer.priceMinor, option.currencyCode),
      deliveryDates: offer.deliveryDates,
      deliveryDatesEstimated: offer.deliveryDatesEstimated,
      addOns: offer.addOns.map((addOn) => ShippingAddOn.of(addOn, option.currencyCode)),
    });
  }
}

@ObjectType({ description: "The shipping the shopper selected, priced now." })
@Directive("@shareable")
export class SelectedShipping {
  @Field(() => ShippingOption)
  option!: ShippingOption;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate!: string | null;

  @Field(() => [ShippingAddOn])
  addOns!: ShippingAddOn[];

  @Field(() => Money, { description: "Option plus add-ons, before shipping discounts." })
  price!: Money;
}
