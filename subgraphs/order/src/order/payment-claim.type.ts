// GraphQL types of the payment claim. Services only: every type is @inaccessible, so the gateway
// never shows them to clients (composition requires it of types only inaccessible fields use).
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";
import type { ClaimedOrder } from "../lifecycle/order-lifecycle.service.js";

@ObjectType()
@Directive("@inaccessible")
export class OrderPaymentClaim {
  @Field(() => ID)
  orderId!: string;

  // A String, not the OrderStatus enum: that enum is public, and this type is not.
  @Field(() => String, { description: "The order's status when claimed: PENDING_PAYMENT." })
  status!: string;

  @Field(() => Int, { description: "What to charge, in integer minor units of currencyCode." })
  totalMinor!: number;

  @Field(() => String)
  currencyCode!: string;

  static from(order: ClaimedOrder): OrderPaymentClaim {
    return Object.assign(new OrderPaymentClaim(), { orderId: order.id, status: order.status, totalMinor: order.totalMinor, currencyCode: order.currencyCode });
  }
}

@ObjectType()
@Directive("@inaccessible")
export class OrderPaymentClaimPayload {
  @Field(() => OrderPaymentClaim, { nullable: true, description: "Null when userErrors says why the order cannot be paid." })
  claim!: OrderPaymentClaim | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
