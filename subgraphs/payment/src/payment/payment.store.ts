// Payment persistence: the only place that queries the payment table.
import type { PaymentDb } from "../db.js";
import type { PaymentRecord, PaymentStatus } from "./payment.type.js";

const asRecord = (row: { status: string } & Omit<PaymentRecord, "status">): PaymentRecord => ({ ...row, status: row.status as PaymentStatus });

export class PaymentStore {
  constructor(private readonly db: PaymentDb) {}

  /** One query for any number of ids. */
  async findByIds(ids: readonly string[]): Promise<PaymentRecord[]> {
    const rows = await this.db.payment.findMany({ where: { id: { in: [...ids] } } });
    return rows.map(asRecord);
  }

  /** The payments of any number of orders in one query. */
  async findByOrderIds(orderIds: readonly string[]): Promise<PaymentRecord[]> {
    const rows = await this.db.payment.findMany({ where: { orderId: { in: [...orderIds] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(asRecord);
  }
}
