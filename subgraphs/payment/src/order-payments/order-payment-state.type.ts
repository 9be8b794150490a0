// What orderPaymentStates answers for each order. Services only: @inaccessible, so the gateway
// never shows it to clients.
import { Directive, Field, ID, ObjectType } from "type-graphql";
import type { OrderPaymentStateName, OrderPaymentStateOf } from "./order-payment-state.rules.js";

@ObjectType()
@Directive("@inaccessible")
export class OrderPaymentState {
  @Field(() => ID)
  orderId!: string;

  // A String, not an enum: type-graphql cannot put @inaccessible on an enum.
  @Field(() => String, { description: "SUCCEEDED (a payment captured money), IN_FLIGHT (a payment may still) or NONE." })
  state!: OrderPaymentStateName;

  @Field(() => ID, { nullable: true, description: "The succeeded payment, for SUCCEEDED." })
  paymentId!: string | null;

  static from(state: OrderPaymentStateOf): OrderPaymentState {
    return Object.assign(new OrderPaymentState(), state);
  }
}
