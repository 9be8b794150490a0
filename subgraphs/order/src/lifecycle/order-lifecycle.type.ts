import { Field, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";
import { Order } from "../order/order.type.js";

@ObjectType()
export class OrderPayload {
  @Field(() => Order, { nullable: true, description: "The order after the change; null if it is not visible to the caller." })
  order!: Order | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
