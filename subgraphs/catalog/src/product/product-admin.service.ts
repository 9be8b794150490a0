// Admin changes to a product's price, stock and weight. Each is one transaction that locks the
// product, checks the change against it, updates it and writes its fact (PriceChanged /
// StockChanged / ProductWeightChanged) to the outbox; afterCommit then wakes the relay and invalidates the listing cache, so the next page
// shows the change.
import { DomainError } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import type { NewEvent } from "@trolley/outbox";
import type { Tx } from "../db.js";
import { stockAdjusted } from "../stock/stock.events.js";
import { priceChanged, weightChanged } from "./product.events.js";
import { checkStockCoversReserved, checkStockOnHand, checkWeight, priceFromAmount } from "./product.rules.js";
import type { ProductStore } from "./product.store.js";
import type { ProductRecord } from "./product.type.js";

/** Where a change's events go, in the change's own transaction (the outbox). */
export interface ProductEventSink {
  append(tx: Tx, events: NewEvent[]): Promise<unknown>;
}

const notFound = () => new DomainError("PRODUCT_NOT_FOUND", "No product has that id.", ["productId"]);

export class ProductAdminService {
  constructor(
    private readonly store: ProductStore,
    private readonly events: ProductEventSink,
    private readonly afterCommit: () => void,
    private readonly clock: Clock,
  ) {}

  async setPrice(productId: string, amount: string): Promise<ProductRecord> {
    const now = this.clock.now();
    const product = await this.store.transaction(async (tx) => {
      const current = await this.store.lockForChange(tx, productId);
      if (!current) throw notFound();
      const priceMinor = priceFromAmount(amount, current.currencyCode);
      const updated = await this.store.setPrice(tx, productId, priceMinor, now);
      await this.events.append(tx, [priceChanged(productId, current.priceMinor, priceMinor, current.currencyCode, now)]);
      return updated;
    });
    this.afterCommit();
    return product;
  }

  /** Sets the units physically held. */
  async setStockOnHand(productId: string, quantity: number): Promise<ProductRecord> {
    checkStockOnHand(quantity);
    const now = this.clock.now();
    const product = await this.store.transaction(async (tx) => {
      const current = await this.store.lockForChange(tx, productId);
      if (!current) throw notFound();
      checkStockCoversReserved(quantity, current.stockReserved);
      const updated = await this.store.setStockOnHand(tx, productId, quantity, now);
      await this.events.append(tx, [stockAdjusted(productId, quantity - current.stockReserved, now)]);
      return updated;
    });
    this.afterCommit();
    return product;
  }

  /** Sets the shipping weight of one unit, in grams. */
  async setWeight(productId: string, weightGrams: number): Promise<ProductRecord> {
    checkWeight(weightGrams);
    const now = this.clock.now();
    const product = await this.store.transaction(async (tx) => {
      const current = await this.store.lockForChange(tx, productId);
      if (!current) throw notFound();
      const updated = await this.store.setWeight(tx, productId, weightGrams, now);
      await this.events.append(tx, [weightChanged(productId, current.weightGrams, weightGrams, now)]);
      return updated;
    });
    this.afterCommit();
    return product;
  }
}
