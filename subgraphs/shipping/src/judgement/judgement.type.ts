// The internal judgement's GraphQL shapes: the other side of libs/federation's shipping-judgement.ts
// (what the cart and the order send and read). Every type is @inaccessible: the gateway never shows
// them to clients. Amounts travel as digit strings of minor units ("1999").
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { DateScalar } from "@trolley/federation";

@InputType()
@Directive("@inaccessible")
export class ShippingLineInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: "One unit's weight." })
  weightGrams!: number;

  @Field(() => String, { description: 'One unit\'s price, digits of minor units of the cart\'s currency, e.g. "1999".' })
  unitPriceMinor!: string;
}

@InputType()
@Directive("@inaccessible")
export class ShippingAddressInput {
  @Field(() => String)
  countryCode!: string;

  @Field(() => String, { nullable: true })
  provinceCode?: string | null;

  @Field(() => String)
  postalCode!: string;
}

@InputType()
@Directive("@inaccessible")
export class ShippingCartInput {
  @Field(() => [ShippingLineInput])
  lines!: ShippingLineInput[];

  @Field(() => ShippingAddressInput, { nullable: true, description: "Null before the shopper gives one: the shop's default country." })
  address?: ShippingAddressInput | null;

  @Field(() => String)
  currencyCode!: string;
}

@InputType()
@Directive("@inaccessible")
export class ShippingSelectionInput {
  @Field(() => ID)
  optionId!: string;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate?: string | null;

  @Field(() => [ID])
  addOnIds!: string[];
}

@ObjectType()
@Directive("@inaccessible")
export class ShippingRefusal {
  @Field(() => String, { description: "SHIPPING_OPTION_UNAVAILABLE, DELIVERY_DATE_UNAVAILABLE or SHIPPING_ADD_ON_UNAVAILABLE: the caller's userError code." })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => [String], { nullable: true, description: 'The selection\'s field at fault: ["optionId"], ["deliveryDate"] or ["addOnIds"].' })
  field!: string[] | null;
}

@ObjectType()
@Directive("@inaccessible")
export class JudgedAddOn {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  priceMinor!: string;
}

@ObjectType()
@Directive("@inaccessible")
export class JudgedShipping {
  @Field(() => ID)
  optionId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "The option's price for this cart, before shipping discounts." })
  priceMinor!: string;

  @Field(() => String)
  currencyCode!: string;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate!: string | null;

  @Field(() => [JudgedAddOn])
  addOns!: JudgedAddOn[];

  @Field(() => String, { description: "The option plus its add-ons, before shipping discounts." })
  totalMinor!: string;
}

@ObjectType()
@Directive("@inaccessible")
export class ShippingJudgement {
  @Field(() => ShippingRefusal, { nullable: true, description: "null when ok" })
  refusal!: ShippingRefusal | null;

  @Field(() => JudgedShipping, { nullable: true, description: "the selection priced now, when ok" })
  selected!: JudgedShipping | null;
}

// An ArgsType keeps the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
export class JudgeShippingArgs {
  @Field(() => ShippingCartInput)
  cart!: ShippingCartInput;

  @Field(() => ShippingSelectionInput)
  selection!: ShippingSelectionInput;
}
