// The internal operations' GraphQL shapes (pricing-spec, "Internal operations"): what other
// services send to be priced, and what they get back. Every type is @inaccessible: the gateway
// never shows them to clients. Amounts travel as digit strings of minor units ("1999").
import { ArgsType, Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "@trolley/federation";
import { TaxCategory } from "../cart/cart.type.js";

@InputType()
@Directive("@inaccessible")
export class QuoteLineInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => String, { description: "Digits of minor units of currencyCode, e.g. \"1999\"." })
  unitPriceMinor!: string;

  @Field(() => String)
  currencyCode!: string;

  @Field(() => TaxCategory)
  taxCategory!: TaxCategory;

  @Field(() => ID, { nullable: true })
  categoryId?: string | null;
}

@InputType()
@Directive("@inaccessible")
export class QuoteServiceInput {
  @Field(() => ID, { description: "The cart's service line id." })
  id!: string;

  @Field(() => ID, { nullable: true, description: "The line it is attached to; null for a standalone service." })
  lineId?: string | null;

  @Field(() => Int)
  quantity!: number;

  @Field(() => String, { description: "Digits of minor units of currencyCode, e.g. \"4900\"." })
  unitPriceMinor!: string;

  @Field(() => String)
  currencyCode!: string;
}

@InputType()
@Directive("@inaccessible")
export class QuoteAddressInput {
  @Field(() => String)
  countryCode!: string;

  @Field(() => String, { nullable: true })
  provinceCode?: string | null;
}

@InputType()
@Directive("@inaccessible")
export class QuoteCustomerInput {
  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}

@InputType()
@Directive("@inaccessible")
export class QuoteRequestInput {
  @Field(() => [QuoteLineInput])
  lines!: QuoteLineInput[];

  @Field(() => [QuoteServiceInput], { nullable: true, description: "Services sold with the goods; none when absent." })
  services?: QuoteServiceInput[] | null;

  @Field(() => [String], { description: "The codes the cart holds, as entered, in entry order." })
  codes!: string[];

  @Field(() => QuoteAddressInput, { nullable: true, description: "Null before the shopper gives one: tax for the shop's default place." })
  address?: QuoteAddressInput | null;

  @Field(() => String, { nullable: true, description: "The selected shipping's price (digits of minor units); null before a selection." })
  shippingPriceMinor?: string | null;

  @Field(() => String)
  currencyCode!: string;

  @Field(() => QuoteCustomerInput, { nullable: true, description: "Who per-customer limits count against." })
  customer?: QuoteCustomerInput | null;
}

@ObjectType()
@Directive("@inaccessible")
export class QuoteAnswer {
  @Field(() => String, { description: "The engine's Quote as JSON (subgraphs/pricing/src/quote/quote.types.ts)." })
  quoteJson!: string;

  @Field(() => String, { description: "SHA-256 of the quote's canonical JSON." })
  hash!: string;

  @Field(() => String, { description: "Digits of minor units." })
  totalMinor!: string;

  @Field(() => String)
  currencyCode!: string;
}

export enum CodeOutcome {
  OK = "OK",
  DISCOUNT_CODE_INVALID = "DISCOUNT_CODE_INVALID",
  DISCOUNT_CODE_EXPIRED = "DISCOUNT_CODE_EXPIRED",
  DISCOUNT_CODE_USED_UP = "DISCOUNT_CODE_USED_UP",
  DISCOUNT_CODE_NOT_APPLICABLE = "DISCOUNT_CODE_NOT_APPLICABLE",
  DISCOUNT_CODE_CUSTOMER_REQUIRED = "DISCOUNT_CODE_CUSTOMER_REQUIRED",
  TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS",
}
registerEnumType(CodeOutcome, { name: "CodeOutcome", description: "Internal: what judgeDiscountCode answers; every value but OK is the cart's userError code." });

@ObjectType()
@Directive("@inaccessible")
export class CodeJudgement {
  @Field(() => CodeOutcome)
  outcome!: CodeOutcome;

  @Field(() => String, { nullable: true, description: "The promotion's own spelling of the code; null when no promotion has it." })
  code!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType()
@Directive("@inaccessible")
export class CodeStanding {
  @Field(() => String, { description: "As the shopper entered it." })
  code!: string;

  @Field(() => Boolean)
  applicableBefore!: boolean;

  @Field(() => Boolean)
  applicableAfter!: boolean;
}

@ObjectType()
@Directive("@inaccessible")
export class CodeReservation {
  @Field(() => Boolean, { description: "True when every code's use is reserved (or was, by this reservation id)." })
  ok!: boolean;

  @Field(() => [UserError], { description: "Why none was reserved: DISCOUNT_CODE_USED_UP, DISCOUNT_CODE_INVALID, ... with field [\"code\"]." })
  userErrors!: UserError[];
}

// ArgsTypes keep the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
export class QuoteCartArgs {
  @Field(() => QuoteRequestInput)
  request!: QuoteRequestInput;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Read promotions and tax rates from Postgres, not the cache (checkout)." })
  fresh?: boolean | null;
}

@ArgsType()
export class JudgeCodeArgs {
  @Field(() => String)
  code!: string;

  @Field(() => QuoteRequestInput, { description: "The cart as it is, without the code." })
  request!: QuoteRequestInput;

  @Field(() => String, { description: "Whom the attempt counts against (the cart's owner)." })
  callerKey!: string;
}

@ArgsType()
export class StandingArgs {
  @Field(() => QuoteRequestInput)
  before!: QuoteRequestInput;

  @Field(() => QuoteRequestInput)
  after!: QuoteRequestInput;
}

@ArgsType()
export class ReserveCodesArgs {
  @Field(() => ID, { description: "The checkout's reservation id (the one stock is reserved under); a repeat answers the same." })
  reservationId!: string;

  @Field(() => [String], { description: "The codes the quote applied." })
  codes!: string[];

  @Field(() => QuoteCustomerInput, { nullable: true })
  customer?: QuoteCustomerInput | null;
}
