// Value types that several subgraphs return. Federation requires them to be identical wherever
// they are declared, hence one definition here, marked @shareable.
import { Directive, Field, ObjectType } from "type-graphql";
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

@ObjectType()
@Directive("@shareable")
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor?: string | null;
}
