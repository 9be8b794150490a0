// Value types that several subgraphs return. Federation requires them to be identical wherever
// they are declared, hence one definition here, marked @shareable.
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "./date-scalar.js";
import type { UserErrorData } from "@trolley/errors";
import { formatMinor } from "./money.js";

@ObjectType({ description: "An amount of money. Never a float." })
@Directive("@shareable")
export class Money {
  @Field(() => String, { description: 'Decimal string with the currency\'s minor digits, e.g. "12.50". Never a float.' })
  amount!: string;

  @Field(() => String, { description: 'ISO 4217 code, e.g. "USD".' })
  currencyCode!: string;

  static of(amountMinor: number, currencyCode: string): Money {
    return Object.assign(new Money(), { amount: formatMinor(amountMinor, currencyCode), currencyCode });
  }
}

@ObjectType({ description: "An expected failure of a mutation; the payload's object is left unchanged." })
@Directive("@shareable")
export class UserError {
  @Field(() => String, { description: "Machine-readable, stable: OUT_OF_STOCK, PRODUCT_NOT_FOUND, INVALID_QUANTITY, ..." })
  code!: string;

  @Field(() => [String], { nullable: true, description: "Path to the input field at fault, if any." })
  field?: string[] | null;

  @Field(() => String)
  message!: string;

  static from(error: UserErrorData): UserError {
    return Object.assign(new UserError(), { code: error.code, field: error.field ?? null, message: error.message });
  }
}

@ObjectType({ description: "A postal address: where a cart ships to, and the order's copy of it." })
@Directive("@shareable")
export class Address {
  @Field(() => String)
  fullName!: string;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2?: string | null;

  @Field(() => String)
  city!: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-2 subdivision where the country needs one for tax or delivery, e.g. "CA" in the US.' })
  provinceCode?: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. "PL".' })
  countryCode!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

/** What the shopper chose, as the cart holds it: the shipping context judges and prices it. */
@ObjectType({ description: "Internal: what the shopper chose; the shipping context judges and prices it." })
@Directive("@shareable")
@Directive("@inaccessible")
export class ShippingSelection {
  @Field(() => ID)
  optionId!: string;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate!: string | null;

  @Field(() => [ID])
  addOnIds!: string[];
}

@ObjectType()
@Directive("@shareable")
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}

export enum DiscountTarget {
  LINE = "LINE",
  ORDER = "ORDER",
  SHIPPING = "SHIPPING",
}
registerEnumType(DiscountTarget, { name: "DiscountTarget" });

/** A discount as the quote computes it (pricing) and the order keeps it: minor units. */
export interface DiscountAmount {
  code: string | null;
  title: string;
  target: `${DiscountTarget}`;
  amountMinor: number;
}

// Pricing returns it for carts, the order for an order's cost.
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

  static of(discount: DiscountAmount, currencyCode: string): Discount {
    return Object.assign(new Discount(), {
      code: discount.code,
      title: discount.title,
      target: discount.target as DiscountTarget,
      amount: Money.of(discount.amountMinor, currencyCode),
    });
  }
}
