import { ArgsType, Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Money, UserError } from "@trolley/federation";
import { Order } from "../order-payments/order.type.js";

export enum PaymentStatus {
  PROCESSING = "PROCESSING",
  REQUIRES_ACTION = "REQUIRES_ACTION",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  REFUNDED = "REFUNDED",
}
registerEnumType(PaymentStatus, {
  name: "PaymentStatus",
  valuesConfig: {
    REQUIRES_ACTION: { description: "The customer must act (3-D Secure): the client completes it with clientSecret; the outcome arrives by webhook." },
  },
});

/** The payment row as the resolvers see it (amount in minor units, read from the order). */
export interface PaymentRecord {
  id: string;
  orderId: string;
  /** Who paid: a user id, or "guest:<id>" for a guest. */
  userId: string;
  status: PaymentStatus;
  amountMinor: number;
  currencyCode: string;
  provider: string;
  providerRef: string | null;
  failureCode: string | null;
  /** What the payer's client completes 3-D Secure with; set only while REQUIRES_ACTION. */
  clientSecret: string | null;
  createdAt: Date;
  updatedAt: Date;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentStatus)
  status!: PaymentStatus;

  @Field(() => Money)
  amount!: Money;

  @Field(() => String)
  provider!: string;

  @Field(() => String, { nullable: true, description: "Why the provider refused the charge, e.g. CARD_DECLINED." })
  failureCode?: string | null;

  /** Resolved by PaymentResolver.clientSecret: the payer's only. */
  @Field(() => String, { nullable: true, description: "For the provider's client library (e.g. Stripe.js) while REQUIRES_ACTION; only the payer sees it." })
  clientSecret?: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Order, { description: "Resolved by the order subgraph." })
  order!: Order;

  /** Not a GraphQL field: who may see the payment. */
  userId!: string;

  /** Not a GraphQL field as such: the field resolver shows it to the payer only (PaymentResolver). */
  storedClientSecret!: string | null;

  static from(record: PaymentRecord): Payment {
    return Object.assign(new Payment(), {
      id: record.id,
      status: record.status,
      amount: Money.of(record.amountMinor, record.currencyCode),
      provider: record.provider,
      failureCode: record.failureCode,
      createdAt: record.createdAt,
      order: Order.reference(record.orderId),
      userId: record.userId,
      storedClientSecret: record.clientSecret,
    });
  }
}

@ArgsType()
export class PayOrderArgs {
  @Field(() => ID)
  orderId!: string;

  @Field(() => String)
  paymentMethodToken!: string;

  @Field(() => String)
  idempotencyKey!: string;
}

@ArgsType()
export class RefundPaymentArgs {
  @Field(() => ID)
  paymentId!: string;

  @Field(() => String)
  idempotencyKey!: string;
}

@ObjectType()
export class PaymentPayload {
  @Field(() => Payment, { nullable: true, description: "The payment attempt; null when it could not be made." })
  payment!: Payment | null;

  @Field(() => [UserError])
  userErrors!: UserError[];

  static of(payment: Payment | null, userErrors: UserError[]): PaymentPayload {
    return Object.assign(new PaymentPayload(), { payment, userErrors });
  }
}
