// Order persistence: the only place that queries the order and order line tables.
import { minorFromColumn } from "@trolley/federation";
import type { OrderDb } from "../db.js";
import type { Order as OrderRow, OrderLine as OrderLineRow, OrderServiceLine as OrderServiceLineRow, Prisma } from "../generated/prisma/client.js";
import type { DiscountRecord } from "./order-cost.type.js";
import type { AddressRecord, OrderDeliveryRecord, OrderServiceLineRecord } from "./order-delivery.type.js";
import type { OrderPosition } from "./order-paging.rules.js";
import type { OrderLineRecord, OrderRecord, OrderStatus } from "./order.type.js";

export type { OrderRow };

/** An order row as the rest of the context sees it: amounts as numbers, the snapshot's discounts typed. */
/** A DATE column as the day it names (Prisma reads it as midnight UTC). */
const day = (value: Date) => value.toISOString().slice(0, 10);

/** The delivery snapshot of an order row, written by checkout alone (checkout.store). */
function deliveryRecord(row: OrderRow): OrderDeliveryRecord {
  return {
    email: row.email,
    shippingAddress: row.shippingAddress as unknown as AddressRecord | null,
    shipping:
      row.shippingTitle === null || row.shippingPriceMinor === null
        ? null
        : {
            optionId: row.shippingOptionId ?? "",
            title: row.shippingTitle,
            priceMinor: minorFromColumn(row.shippingPriceMinor),
            deliveryDate: row.shippingDeliveryDate && day(row.shippingDeliveryDate),
            addOns: (row.shippingAddOns as unknown as { title: string; priceMinor: number }[] | null) ?? [],
          },
  };
}

export const orderRecord = (row: OrderRow): OrderRecord => ({
  ...deliveryRecord(row),
  id: row.id,
  number: row.number,
  userId: row.userId,
  status: row.status as OrderStatus,
  currencyCode: row.currencyCode,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  subtotalMinor: minorFromColumn(row.subtotalMinor),
  servicesSubtotalMinor: minorFromColumn(row.servicesSubtotalMinor),
  shippingMinor: minorFromColumn(row.shippingMinor),
  // Written by checkout alone (checkout.store), from the quote: [{ code, title, target, amountMinor }].
  discounts: row.discounts as unknown as DiscountRecord[],
  discountTotalMinor: minorFromColumn(row.discountTotalMinor),
  taxMinor: minorFromColumn(row.taxMinor),
  taxIncluded: row.taxIncluded,
  totalMinor: minorFromColumn(row.totalMinor),
});
const asRecord = orderRecord;

const serviceLineRecord = (row: OrderServiceLineRow): OrderServiceLineRecord => ({
  ...row,
  unitPriceMinor: minorFromColumn(row.unitPriceMinor),
  subtotalMinor: minorFromColumn(row.subtotalMinor),
  taxMinor: minorFromColumn(row.taxMinor),
});

const lineRecord = (row: OrderLineRow): OrderLineRecord => ({
  ...row,
  subtotalMinor: minorFromColumn(row.subtotalMinor),
  discountTotalMinor: minorFromColumn(row.discountTotalMinor),
  taxMinor: minorFromColumn(row.taxMinor),
  totalMinor: minorFromColumn(row.totalMinor),
});

export class OrderStore {
  constructor(private readonly db: OrderDb) {}

  /** One query for any number of ids. */
  async findByIds(ids: readonly string[]): Promise<OrderRecord[]> {
    const rows = await this.db.order.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(asRecord);
  }

  /** The lines of any number of orders in one query, each order's by position. */
  async findLinesByOrderIds(orderIds: readonly string[]): Promise<OrderLineRecord[]> {
    const rows = await this.db.orderLine.findMany({ where: { orderId: { in: [...orderIds] } }, orderBy: [{ orderId: "asc" }, { position: "asc" }] });
    return rows.map(lineRecord);
  }

  /** The service lines of any number of orders in one query, each order's by position. */
  async findServiceLinesByOrderIds(orderIds: readonly string[]): Promise<OrderServiceLineRecord[]> {
    const rows = await this.db.orderServiceLine.findMany({ where: { orderId: { in: [...orderIds] } }, orderBy: [{ orderId: "asc" }, { position: "asc" }] });
    return rows.map(serviceLineRecord);
  }

  /** An owner's orders, newest first, strictly after the keyset position when given. */
  async listByOwner(userId: string, query: { take: number; after?: OrderPosition }): Promise<OrderRecord[]> {
    const page: Prisma.OrderWhereInput = query.after
      ? { OR: [{ createdAt: { lt: query.after.createdAt } }, { createdAt: query.after.createdAt, id: { lt: query.after.id } }] }
      : {};
    const rows = await this.db.order.findMany({
      where: { AND: [{ userId }, page] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: query.take,
    });
    return rows.map(asRecord);
  }
}
