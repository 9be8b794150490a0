// Admin changes to a product's price and stock. Each is one transaction that updates the product
// and writes its fact (PriceChanged / StockChanged) to the outbox; the listing cache is then
// invalidated so the next page shows the change.
import { DomainError } from "@trolley/errors";
import { systemClock, type Clock } from "@trolley/http";
import { formatMinor, MAX_UNIT_PRICE_MINOR, parseAmount } from "@trolley/federation";
import type { NewEvent } from "@trolley/outbox";
import type { CatalogDb } from "../db.js";
import type { ProductRecord, ProductStatus } from "./product.type.js";

export interface ProductEventSink {
  append(tx: Parameters<Parameters<CatalogDb["$transaction"]>[0]>[0], events: NewEvent[]): Promise<unknown>;
}

const notFound = () => new DomainError("PRODUCT_NOT_FOUND", "No product has that id.", ["productId"]);

export class ProductAdminService {
  constructor(
    private readonly db: CatalogDb,
    private readonly events: ProductEventSink,
    private readonly afterCommit: () => void,
    private readonly clock: Clock = systemClock,
  ) {}

  async setPrice(productId: string, amount: string): Promise<ProductRecord> {
    const now = this.clock.now();
    const product = await this.db.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<{ price_minor: number; currency_code: string }[]>`
        SELECT "price_minor", "currency_code" FROM "catalog"."product" WHERE "id" = ${productId} FOR UPDATE`;
      if (!current) throw notFound();
      const priceMinor = parseAmount(amount, current.currency_code);
      if (priceMinor === null) throw new DomainError("INVALID_ARGUMENT", `\`amount\` must be a decimal such as "19.99" in ${current.currency_code}.`, ["amount"]);
      if (priceMinor > MAX_UNIT_PRICE_MINOR) {
        throw new DomainError("INVALID_ARGUMENT", `\`amount\` can be at most ${formatMinor(MAX_UNIT_PRICE_MINOR, current.currency_code)} ${current.currency_code}.`, ["amount"]);
      }
      const updated = await tx.product.update({ where: { id: productId }, data: { priceMinor, updatedAt: now } });
      await this.events.append(tx, [
        {
          type: "PriceChanged",
          aggregateId: productId,
          userId: null,
          occurredAt: now,
          data: { productId, from: formatMinor(current.price_minor, current.currency_code), to: formatMinor(priceMinor, current.currency_code), currencyCode: current.currency_code },
        },
      ]);
      return updated;
    });
    this.afterCommit();
    return { ...product, status: product.status as ProductStatus };
  }

  /** Sets the units physically held; it may not go below what orders have reserved. */
  async setStockOnHand(productId: string, quantity: number): Promise<ProductRecord> {
    if (!Number.isInteger(quantity) || quantity < 0 || quantity > 10_000_000) {
      throw new DomainError("INVALID_QUANTITY", "Stock must be a whole number from 0 to 10,000,000.", ["quantity"]);
    }
    const now = this.clock.now();
    const product = await this.db.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<{ stock_reserved: number }[]>`
        SELECT "stock_reserved" FROM "catalog"."product" WHERE "id" = ${productId} FOR UPDATE`;
      if (!current) throw notFound();
      if (quantity < current.stock_reserved) {
        throw new DomainError("INVALID_QUANTITY", `${current.stock_reserved} units are reserved by orders; stock cannot go below that.`, ["quantity"]);
      }
      const updated = await tx.product.update({ where: { id: productId }, data: { stockOnHand: quantity, updatedAt: now } });
      await this.events.append(tx, [
        {
          type: "StockChanged",
          aggregateId: productId,
          userId: null,
          occurredAt: now,
          data: { productId, availableQuantity: quantity - current.stock_reserved, reason: "ADJUSTED" },
        },
      ]);
      return updated;
    });
    this.afterCommit();
    return { ...product, status: product.status as ProductStatus };
  }
}
