// GraphQL types of the payment claim. Services only: every type is @inaccessible, so the gateway
// never shows them to clients (composition requires it of types only inaccessible fields use).
import { ArgsType, Directive, Field, ID, ObjectType } from "type-graphql";
import { UserError } from "@trolley/federation";
import type { ClaimedOrder } from "./order-lifecycle.service.js";

// An ArgsType keeps the arguments in this order (separate @Arg parameters print reversed).
@ArgsType()
export class ClaimOrderPaymentArgs {
  @Field(() => ID)
  orderId!: string;

  @Field(() => ID, { description: "The payment about to be charged; it replaces an earlier claim." })
  paymentId!: string;

  @Field(() => String, { description: "Who pays: the order must be theirs (user id or guest:<id>)." })
  ownerId!: string;
}

@ObjectType()
@Directive("@inaccessible")
export class OrderPaymentClaim {
  @Field(() => ID)
  orderId!: string;

  // A String, not the OrderStatus enum: that enum is public, and this type is not.
  @Field(() => String, { description: "The order's status when claimed: PENDING_PAYMENT." })
  status!: string;

  // Digits in a string: a total can pass GraphQL's 32-bit Int (see MAX_UNIT_PRICE_MINOR).
  @Field(() => String, { description: "What to charge, in integer minor units of currencyCode, as decimal digits." })
  totalMinor!: string;

  @Field(() => String)
  currencyCode!: string;

  static from(order: ClaimedOrder): OrderPaymentClaim {
    return Object.assign(new OrderPaymentClaim(), { orderId: order.id, status: order.status, totalMinor: String(order.totalMinor), currencyCode: order.currencyCode });
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
