// The admin's view of promotions: what is stored, and what createPromotion / updatePromotion take.
// Amounts are Money out and decimal strings in, in the shop's currency (STORE_CURRENCY).
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Money, UserError } from "@trolley/federation";
import type { Promotion as PromotionRow } from "../generated/prisma/client.js";
import { promotionFromRow } from "../pricing-rules/pricing-rules.mapping.js";

export enum PromotionTargetKind {
  PRODUCTS = "PRODUCTS",
  CATEGORY = "CATEGORY",
  ORDER = "ORDER",
  SHIPPING = "SHIPPING",
}
registerEnumType(PromotionTargetKind, { name: "PromotionTargetKind", description: "What a promotion takes off: listed products, a category's products, the order's goods, or its shipping." });

export enum PromotionActionKind {
  PERCENTAGE = "PERCENTAGE",
  FIXED_AMOUNT = "FIXED_AMOUNT",
  BUY_X_PAY_Y = "BUY_X_PAY_Y",
  NTH_UNIT_PERCENT = "NTH_UNIT_PERCENT",
  FREE_SHIPPING = "FREE_SHIPPING",
}
registerEnumType(PromotionActionKind, {
  name: "PromotionActionKind",
  description: "PERCENTAGE and FIXED_AMOUNT fit every target; BUY_X_PAY_Y and NTH_UNIT_PERCENT products or a category; FREE_SHIPPING shipping.",
});

export enum PromotionStacking {
  STACKABLE = "STACKABLE",
  EXCLUSIVE = "EXCLUSIVE",
}
registerEnumType(PromotionStacking, { name: "PromotionStacking", description: "EXCLUSIVE: applies alone, when it takes off more than all stackable promotions together." });

@ObjectType()
export class PromotionTarget {
  @Field(() => PromotionTargetKind)
  kind!: PromotionTargetKind;

  @Field(() => [ID], { description: "PRODUCTS: the products it applies to." })
  productIds!: string[];

  @Field(() => [ID], { description: "CATEGORY: the categories whose products it applies to." })
  categoryIds!: string[];
}

@ObjectType()
export class PromotionAction {
  @Field(() => PromotionActionKind)
  kind!: PromotionActionKind;

  @Field(() => Int, { nullable: true, description: "PERCENTAGE, NTH_UNIT_PERCENT: basis points off, 1000 = 10%." })
  basisPoints!: number | null;

  @Field(() => Money, { nullable: true, description: "FIXED_AMOUNT: what it takes off." })
  amount!: Money | null;

  @Field(() => Int, { nullable: true, description: "BUY_X_PAY_Y: units per group." })
  buy!: number | null;

  @Field(() => Int, { nullable: true, description: "BUY_X_PAY_Y: units paid for per group." })
  pay!: number | null;

  @Field(() => Int, { nullable: true, description: "NTH_UNIT_PERCENT: every nth unit of a line is discounted." })
  nth!: number | null;
}

@ObjectType()
export class Promotion {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Shopper-facing, shown with the discount." })
  title!: string;

  @Field(() => String, { nullable: true, description: "The code that applies it (case-insensitive); null for an automatic promotion." })
  code!: string | null;

  @Field(() => Boolean, { description: "Inactive promotions apply to no cart." })
  active!: boolean;

  @Field(() => PromotionTarget)
  target!: PromotionTarget;

  @Field(() => PromotionAction)
  action!: PromotionAction;

  @Field(() => Money, { nullable: true, description: "The goods subtotal a cart must reach (after line discounts for ORDER and SHIPPING targets)." })
  minSubtotal!: Money | null;

  @Field(() => Date, { nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "Exclusive: the promotion ends at this instant." })
  endsAt!: Date | null;

  @Field(() => PromotionStacking)
  stacking!: PromotionStacking;

  @Field(() => Int, { description: "Lower applies first." })
  priority!: number;

  @Field(() => Int, { nullable: true, description: "Uses in all (reserved or confirmed by checkouts); null for no limit." })
  usageLimit!: number | null;

  @Field(() => Int, { nullable: true, description: "Uses per customer (a signed-in user or a cart email); null for no limit." })
  perCustomerLimit!: number | null;

  @Field(() => Int, { description: "Incremented by every change." })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;

  static from(row: PromotionRow, currencyCode: string): Promotion {
    const promotion = promotionFromRow(row);
    const { target, action } = promotion;
    const money = (amountMinor: number | undefined) => (amountMinor === undefined ? null : Money.of(amountMinor, currencyCode));
    return {
      id: row.id,
      title: row.title,
      code: row.code,
      active: row.active,
      target: {
        kind: target.kind as PromotionTargetKind,
        productIds: target.kind === "PRODUCTS" ? target.productIds : [],
        categoryIds: target.kind === "CATEGORY" ? target.categoryIds : [],
      },
      action: {
        kind: action.kind as PromotionActionKind,
        basisPoints: "basisPoints" in action ? action.basisPoints : null,
        amount: money("amountMinor" in action ? action.amountMinor : undefined),
        buy: "buy" in action ? action.buy : null,
        pay: "pay" in action ? action.pay : null,
        nth: "nth" in action ? action.nth : null,
      },
      minSubtotal: money(promotion.conditions.minSubtotalMinor),
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      stacking: row.stacking as PromotionStacking,
      priority: row.priority,
      usageLimit: row.usageLimit,
      perCustomerLimit: row.perCustomerLimit,
      version: row.version,
      updatedAt: row.updatedAt,
    };
  }
}

@ObjectType()
export class PromotionPayload {
  @Field(() => Promotion, { nullable: true, description: "Null when userErrors says why nothing changed." })
  promotion!: Promotion | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class PromotionTargetInput {
  @Field(() => PromotionTargetKind)
  kind!: PromotionTargetKind;

  @Field(() => [ID], { nullable: true, description: "PRODUCTS only: 1 to 1000 product ids." })
  productIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "CATEGORY only: 1 to 100 category ids." })
  categoryIds?: string[] | null;
}

@InputType()
export class PromotionActionInput {
  @Field(() => PromotionActionKind)
  kind!: PromotionActionKind;

  @Field(() => Int, { nullable: true, description: "PERCENTAGE, NTH_UNIT_PERCENT: 1 to 10000 basis points (10000 = all of it)." })
  basisPoints?: number | null;

  @Field(() => String, { nullable: true, description: 'FIXED_AMOUNT: a decimal string in the shop\'s currency, e.g. "5.00".' })
  amount?: string | null;

  @Field(() => Int, { nullable: true, description: "BUY_X_PAY_Y: 2 to 100." })
  buy?: number | null;

  @Field(() => Int, { nullable: true, description: "BUY_X_PAY_Y: 1 to buy - 1." })
  pay?: number | null;

  @Field(() => Int, { nullable: true, description: "NTH_UNIT_PERCENT: 2 to 100." })
  nth?: number | null;
}

@InputType()
export class PromotionInput {
  @Field(() => String, { description: "1 to 200 characters." })
  title!: string;

  @Field(() => String, { nullable: true, description: "1 to 64 letters, digits, - or _; unique whatever the case. Omit for an automatic promotion." })
  code?: string | null;

  @Field(() => PromotionTargetInput)
  target!: PromotionTargetInput;

  @Field(() => PromotionActionInput)
  action!: PromotionActionInput;

  @Field(() => String, { nullable: true, description: "A decimal string in the shop's currency." })
  minSubtotal?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => PromotionStacking, { defaultValue: PromotionStacking.STACKABLE })
  stacking!: PromotionStacking;

  @Field(() => Int, { defaultValue: 100, description: "0 to 1000000; lower applies first." })
  priority!: number;

  @Field(() => Int, { nullable: true, description: "1 or more; omit for no limit." })
  usageLimit?: number | null;

  @Field(() => Int, { nullable: true, description: "1 or more; omit for no limit. A code with one needs a signed-in user or a cart email." })
  perCustomerLimit?: number | null;
}

// An ArgsType keeps the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
export class UpdatePromotionArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => PromotionInput)
  input!: PromotionInput;
}

@ArgsType()
export class SetPromotionActiveArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean)
  active!: boolean;
}
