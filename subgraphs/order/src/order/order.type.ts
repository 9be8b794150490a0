import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Address, Money, PageInfo } from "@trolley/federation";
import { OrderCost, type OrderCostRecord } from "./order-cost.type.js";
import { addressOf, OrderShipping, type OrderDeliveryRecord } from "./order-delivery.type.js";
import { Product } from "./product.type.js";

export enum OrderStatus {
  PENDING_PAYMENT = "PENDING_PAYMENT",
  PAID = "PAID",
  FULFILLED = "FULFILLED",
  CANCELLED = "CANCELLED",
}
registerEnumType(OrderStatus, { name: "OrderStatus" });

/** The order row as the resolvers see it: its cost is the quote snapshotted at checkout (amounts in minor units of the order's currency). */
export interface OrderRecord extends OrderCostRecord, OrderDeliveryRecord {
  id: string;
  number: string;
  /** The owner: a user id, or "guest:<id>" for a guest. */
  userId: string;
  status: OrderStatus;
  currencyCode: string;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * One line as bought: the catalog's name and price at checkout, never read again from the catalog,
 * and the line's part of the quote.
 */
export interface OrderLineRecord {
  id: string;
  orderId: string;
  position: number;
  productId: string;
  productName: string;
  unitPriceMinor: number;
  quantity: number;
  subtotalMinor: number;
  /** This line's share of the LINE discounts. */
  discountTotalMinor: number;
  taxMinor: number;
  /** subtotal - discountTotal (+ tax unless included). */
  totalMinor: number;
}

@ObjectType()
export class OrderLine {
  @Field(() => ID)
  id!: string;

  @Field(() => Product, { nullable: true, description: "Null when the catalog is unavailable; the snapshot fields always answer." })
  product!: Product;

  @Field(() => String, { description: "Snapshot taken at checkout." })
  productName!: string;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Money)
  subtotal!: Money;

  @Field(() => Money, { description: "This line's share of the LINE discounts." })
  discountTotal!: Money;

  @Field(() => Money)
  tax!: Money;

  @Field(() => Money, { description: "What a refund of this whole line returns." })
  total!: Money;

  static from(record: OrderLineRecord, currencyCode: string): OrderLine {
    return Object.assign(new OrderLine(), {
      id: record.id,
      product: Product.reference(record.productId),
      productName: record.productName,
      unitPrice: Money.of(record.unitPriceMinor, currencyCode),
      quantity: record.quantity,
      subtotal: Money.of(record.subtotalMinor, currencyCode),
      discountTotal: Money.of(record.discountTotalMinor, currencyCode),
      tax: Money.of(record.taxMinor, currencyCode),
      total: Money.of(record.totalMinor, currencyCode),
    });
  }
}

@ObjectType()
@Directive('@key(fields: "id")')
export class Order {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Human-friendly, unique, e.g. TR-000123." })
  number!: string;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => [OrderLine])
  lines!: OrderLine[];

  @Field(() => Money, { description: "Equals cost.total." })
  total!: Money;

  @Field(() => OrderCost, { description: "Snapshot of the cart's quote at checkout." })
  cost!: OrderCost;

  @Field(() => String, { nullable: true, description: "Where order confirmations go: the cart's email at checkout." })
  email!: string | null;

  @Field(() => Address, { nullable: true, description: "Snapshot of the cart's shipping address at checkout." })
  shippingAddress!: Address | null;

  @Field(() => OrderShipping, { nullable: true, description: "Snapshot of the shipping chosen at checkout." })
  shipping!: OrderShipping | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  // Internal fields for other subgraphs (payment reads what to charge and whose order it is);
  // @inaccessible keeps them out of the public API the gateway serves.
  @Field(() => String, { name: "ownerId", description: "Internal: the owner (user id or guest:<id>)." })
  @Directive("@inaccessible")
  userId!: string;

  // Digits in a string: a total can pass GraphQL's 32-bit Int (see MAX_UNIT_PRICE_MINOR).
  @Field(() => String, { description: "Internal: cost.total (what payment charges) in integer minor units of currencyCode, as decimal digits." })
  @Directive("@inaccessible")
  totalMinor!: string;

  @Field(() => String, { description: "Internal: ISO 4217 code of the order's amounts." })
  @Directive("@inaccessible")
  currencyCode!: string;

  static from(record: OrderRecord): Order {
    const cost = OrderCost.from(record, record.currencyCode);
    return Object.assign(new Order(), {
      id: record.id,
      number: record.number,
      status: record.status,
      total: cost.total,
      cost,
      email: record.email,
      shippingAddress: record.shippingAddress && addressOf(record.shippingAddress),
      shipping: record.shipping && OrderShipping.from(record.shipping, record.currencyCode),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      userId: record.userId,
      totalMinor: String(record.totalMinor),
      currencyCode: record.currencyCode,
    });
  }
}

@ObjectType()
export class OrderEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Order)
  node!: Order;
}

@ObjectType()
export class OrderConnection {
  @Field(() => [OrderEdge])
  edges!: OrderEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
