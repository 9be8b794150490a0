// GraphQL types of the admin's product mutations.
import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";
import { Product } from "./product.type.js";

@ObjectType()
export class ProductPayload {
  @Field(() => Product, { nullable: true })
  product!: Product | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ArgsType()
export class SetPriceArgs {
  @Field(() => ID)
  productId!: string;

  @Field(() => String, { description: 'Decimal string in the product\'s currency, e.g. "19.99".' })
  amount!: string;
}

@ArgsType()
export class SetStockArgs {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int)
  quantity!: number;
}

@ArgsType()
export class SetWeightArgs {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: "Grams per unit, 0 to 1,000,000." })
  weightGrams!: number;
}
