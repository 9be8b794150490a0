import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { UserError } from "@trolley/federation";

export enum CartStatus {
  ACTIVE = "ACTIVE",
  MERGED = "MERGED",
  CHECKED_OUT = "CHECKED_OUT",
}
registerEnumType(CartStatus, { name: "CartStatus" });

/** A reference to the catalog's product: the cart knows only its id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CartLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Product)
  product!: Product;

  @Field(() => Int)
  quantity!: number;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Cart {
  @Field(() => ID)
  id!: string;

  @Field(() => CartStatus)
  status!: CartStatus;

  @Field(() => [CartLine])
  lines!: CartLine[];

  @Field(() => Int, { description: "Sum of the lines' quantities." })
  totalQuantity!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class CartPayload {
  @Field(() => Cart)
  cart!: Cart;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
