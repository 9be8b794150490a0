// What an order keeps of the shopper's delivery choices: where it goes, the shipping chosen and the
// services sold with the goods, each a snapshot taken at checkout (the live option's price or the
// catalog's service price may change later; the order's never does).
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Address, DateScalar, Money } from "@trolley/federation";

/** An address as stored with the order (the cart's Address, copied). */
export interface AddressRecord {
  fullName: string;
  line1: string;
  line2: string | null;
  city: string;
  provinceCode: string | null;
  postalCode: string;
  countryCode: string;
  phone: string | null;
}

/** The shipping chosen at checkout, amounts in minor units of the order's currency. */
export interface OrderShippingRecord {
  optionId: string;
  title: string;
  /** The option alone, before add-ons and shipping discounts. */
  priceMinor: number;
  /** YYYY-MM-DD, or null when the option books no day. */
  deliveryDate: string | null;
  addOns: { title: string; priceMinor: number }[];
}

/** The delivery part of an order row; all null on orders placed before delivery existed. */
export interface OrderDeliveryRecord {
  email: string | null;
  shippingAddress: AddressRecord | null;
  shipping: OrderShippingRecord | null;
}

/** One service as bought: the catalog's title and price at checkout, the quote's tax on it. */
export interface OrderServiceLineRecord {
  id: string;
  orderId: string;
  position: number;
  serviceId: string;
  title: string;
  /** The order line it belongs to; null for a standalone service. */
  orderLineId: string | null;
  quantity: number;
  unitPriceMinor: number;
  subtotalMinor: number;
  taxMinor: number;
}

@ObjectType()
export class OrderShippingAddOn {
  @Field(() => String)
  title!: string;

  @Field(() => Money)
  price!: Money;
}

@ObjectType({ description: "Snapshot of the shipping chosen at checkout (not the live option, whose price may change)." })
export class OrderShipping {
  @Field(() => String)
  title!: string;

  @Field(() => Money, { description: "The option alone, before add-ons and shipping discounts (the quote's shipping is option plus add-ons)." })
  price!: Money;

  @Field(() => DateScalar, { nullable: true })
  deliveryDate!: string | null;

  @Field(() => [OrderShippingAddOn])
  addOns!: OrderShippingAddOn[];

  static from(record: OrderShippingRecord, currencyCode: string): OrderShipping {
    return Object.assign(new OrderShipping(), {
      title: record.title,
      price: Money.of(record.priceMinor, currencyCode),
      deliveryDate: record.deliveryDate,
      addOns: record.addOns.map(({ title, priceMinor }) => Object.assign(new OrderShippingAddOn(), { title, price: Money.of(priceMinor, currencyCode) })),
    });
  }
}

@ObjectType()
export class OrderServiceLine {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The catalog's ServiceOffer id it was sold as." })
  serviceId!: string;

  @Field(() => String, { description: "Snapshot taken at checkout." })
  title!: string;

  @Field(() => ID, { nullable: true, description: "The order line it belongs to; null for a standalone service." })
  lineId!: string | null;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Money)
  unitPrice!: Money;

  @Field(() => Money)
  subtotal!: Money;

  @Field(() => Money, { description: "The tax on it (inside the subtotal when prices include tax)." })
  tax!: Money;

  static from(record: OrderServiceLineRecord, currencyCode: string): OrderServiceLine {
    return Object.assign(new OrderServiceLine(), {
      id: record.id,
      serviceId: record.serviceId,
      title: record.title,
      lineId: record.orderLineId,
      quantity: record.quantity,
      unitPrice: Money.of(record.unitPriceMinor, currencyCode),
      subtotal: Money.of(record.subtotalMinor, currencyCode),
      tax: Money.of(record.taxMinor, currencyCode),
    });
  }
}

/** The stored address as the shareable Address type. */
export const addressOf = (record: AddressRecord): Address => Object.assign(new Address(), record);
