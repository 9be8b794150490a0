import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Money, UserError } from "@trolley/federation";
import { Order } from "../order-payments/order.type.js";

export enum PaymentStatus {
  PROCESSING = "PROCESSING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
  REFUNDED = "REFUNDED",
}
registerEnumType(PaymentStatus, { name: "PaymentStatus" });

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

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Order, { description: "Resolved by the order subgraph." })
  order!: Order;

  /** Not a GraphQL field: who may see the payment. */
  userId!: string;

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
    });
  }
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
