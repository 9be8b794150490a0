// Wires the catalog subgraph: database, Redis, services (products, categories, stock, service
// offers), the outbox relay, schema, HTTP. main.ts
// runs it as a process; tests start it in-process on port 0 and may drive the relay themselves.
import "reflect-metadata";
import { type Clock, type RunningHttpServer } from "@trolley/http";
import { ContextRuntime, type OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import type { CatalogConfig } from "./config.js";
import { contextFactory, type CatalogContext } from "./context.js";
import { connectCatalogDb, type CatalogDb } from "./db.js";
import { buildCatalogSchema } from "./schema.js";
import { CategoryService } from "./category/category.service.js";
import { ProductAdminService } from "./product/product-admin.service.js";
import { ProductListingCache } from "./product/product-listing.cache.js";
import { ProductListingService } from "./product/product-listing.service.js";
import { ServiceOfferService } from "./service/service-offer.service.js";
import { OrderEventsHandler } from "./stock/order-events.handler.js";
import { StockService } from "./stock/stock.service.js";
import { StockStore } from "./stock/stock.store.js";
import { createStores } from "./stores.js";

export const CATALOG_EVENTS_STREAM = "catalog-events";

export interface CatalogApp extends RunningHttpServer {
  db: CatalogDb;
  relay: OutboxRelay;
  /** Applies order-events: OrderPaid commits a reservation, OrderCancelled releases it. */
  orders: StreamConsumer;
}

export interface CatalogAppOptions {
  db?: CatalogDb;
  /** The clock of stock and price changes (tests move it). */
  clock?: Clock;
  /** false: the relay and the order-events consumer do not run on their own (tests call them). */
  background?: boolean;
}

export async function startCatalog(config: CatalogConfig, options: CatalogAppOptions = {}): Promise<CatalogApp> {
  // Built before anything starts: from here on, only the server's own start can fail.
  const schema = await buildCatalogSchema();
  const db = options.db ?? connectCatalogDb(config.DATABASE_URL);
  const runtime = new ContextRuntime({ context: "catalog", schema: "catalog", stream: CATALOG_EVENTS_STREAM, config, db, clock: options.clock });
  const { clock, redis, events } = runtime;
  const stores = createStores(db);
  const listing = new ProductListingCache(redis);
  // Any committed change to stock or prices: publish its events now and drop cached listing pages.
  const changed = () => {
    events.notify();
    void listing.invalidate();
  };
  const stock = new StockService(new StockStore(db), events.outbox, changed, clock);
  const productAdmin = new ProductAdminService(stores.products, events.outbox, changed, clock);
  const productListing = new ProductListingService(stores.products, listing);
  const categories = new CategoryService(stores.categories);
  const services = new ServiceOfferService(stores.serviceOffers, stores.products);
  const orders = events.consume("order-events", new OrderEventsHandler(stock), changed);

  // Background work starts with the server; a server that cannot start stops it (ContextRuntime.serve).
  const server = await runtime.serve<CatalogContext>({
    schema,
    context: contextFactory(stores, { listing: productListing, categories, productAdmin, stock, services }, { internalSecret: config.INTERNAL_SECRET }),
    background: options.background,
  });
  return { ...server, db, relay: events.relay, orders };
}
