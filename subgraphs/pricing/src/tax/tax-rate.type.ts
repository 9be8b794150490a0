// The admin's view of tax rates: one entry per country, or per province where it replaces the
// country's entry, in parts per million per tax category (7.25% = 72500).
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";

@ObjectType()
export class TaxRate {
  @Field(() => String, { description: "ISO 3166-1 alpha-2." })
  countryCode!: string;

  @Field(() => String, { nullable: true, description: "ISO 3166-2 subdivision; null for the country's own entry." })
  provinceCode!: string | null;

  @Field(() => Int, { description: "STANDARD products, in parts per million (7.25% = 72500)." })
  standardPpm!: number;

  @Field(() => Int, { description: "REDUCED products, in parts per million." })
  reducedPpm!: number;

  @Field(() => Int, { description: "ZERO products, in parts per million (usually 0)." })
  zeroPpm!: number;

  @Field(() => Boolean, { description: "Shipping is taxed at the standard rate." })
  taxesShipping!: boolean;

  @Field(() => Boolean, { description: "Services are taxed at the standard rate." })
  taxesServices!: boolean;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class TaxRatePayload {
  @Field(() => TaxRate, { nullable: true, description: "Null when userErrors says why nothing changed." })
  taxRate!: TaxRate | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class TaxRateInput {
  @Field(() => String)
  countryCode!: string;

  @Field(() => String, { nullable: true, description: "Omit for the country's own entry." })
  provinceCode?: string | null;

  @Field(() => Int, { description: "0 to 1000000." })
  standardPpm!: number;

  @Field(() => Int)
  reducedPpm!: number;

  @Field(() => Int)
  zeroPpm!: number;

  @Field(() => Boolean)
  taxesShipping!: boolean;

  @Field(() => Boolean)
  taxesServices!: boolean;
}
