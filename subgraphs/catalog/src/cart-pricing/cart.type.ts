// The catalog's view of the cart's entities: only the fields it needs to price them. The cart
// subgraph owns them; the gateway hands us the lines' quantities and product ids (@requires).
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Money } from "@trolley/federation";
import { Product } from "../product/product.type.js";

@ObjectType()
export class CartCost {
  @Field(() => Money, { description: "Sum of line subtotals at current catalog prices." })
  subtotal!: Money;

  @Field(() => Money)
  total!: Money;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CartLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  @Directive("@external")
  quantity!: number;

  @Field(() => Product, { nullable: true })
  @Directive("@external")
  product!: { id: string };

  @Field(() => Money, { nullable: true, description: "Catalog price times quantity, resolved by the catalog; null when it is unavailable." })
  @Directive('@requires(fields: "quantity product { id }")')
  subtotal!: Money;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Cart {
  @Field(() => ID)
  id!: string;

  @Field(() => [CartLine])
  @Directive("@external")
  lines!: CartLine[];

  @Field(() => CartCost, {
    nullable: true,
    description: "Resolved by the catalog from the lines' product ids and quantities; null (with an error naming the service) when it is unavailable.",
  })
  @Directive('@requires(fields: "lines { quantity product { id } }")')
  cost!: CartCost;
}
