import { Field, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";
import { Order } from "../order/order.type.js";

@ObjectType()
export class CheckoutPayload {
  @Field(() => Order, { nullable: true, description: "The order placed; null when checkout failed." })
  order!: Order | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
