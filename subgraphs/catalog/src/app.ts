// Wires the catalog subgraph: database, Redis, services, the outbox relay, schema, HTTP. main.ts
// runs it as a process; tests start it in-process on port 0 and may drive the relay themselves.
import "reflect-metadata";
import { createLogger, PeriodicJob, ServiceMetrics, startSubgraph, systemClock, type Clock, type RunningHttpServer } from "@trolley/http";
import { createEventConsumer, createRedis, Outbox, OutboxHousekeeping, OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import type { CatalogConfig } from "./config.js";
import { contextFactory, type CatalogContext } from "./context.js";
import { connectCatalogDb, type CatalogDb } from "./db.js";
import { buildCatalogSchema } from "./schema.js";
import { createOrderEventHandler } from "./stock/order-events.handler.js";
import { ProductAdminService } from "./product/product-admin.service.js";
import { ProductListingCache } from "./product/product-listing.cache.js";
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
  const logger = createLogger("catalog", config.LOG_LEVEL);
  const db = options.db ?? connectCatalogDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  const stores = createStores(db);
  const outbox = new Outbox({ schema: "catalog" });
  const relay = new OutboxRelay({ db, schema: "catalog", stream: CATALOG_EVENTS_STREAM, redis, logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL });
  const listing = new ProductListingCache(redis);
  // Any committed change to stock or prices: publish its events now and drop cached listing pages.
  const changed = () => {
    relay.notify();
    void listing.invalidate();
  };
  const clock = options.clock ?? systemClock;
  const stock = new StockService(new StockStore(db), outbox, changed, clock);
  const productAdmin = new ProductAdminService(db, outbox, changed, clock);
  const applyOrderEvent = createOrderEventHandler(stock);
  const metrics = new ServiceMetrics("catalog");
  const deadLettered = metrics.counter("trolley_events_dead_lettered_total", "Events moved to the dead letters after EVENT_MAX_DELIVERIES failed deliveries.", ["stream", "group"]);
  const orders = createEventConsumer<Parameters<typeof applyOrderEvent>[1]>({
    redisUrl: config.REDIS_URL,
    stream: "order-events",
    group: "catalog",
    db,
    schema: "catalog",
    types: ["OrderPaid", "OrderCancelled"],
    handle: async (event, tx) => {
      if (await applyOrderEvent(event, tx)) changed();
    },
    maxDeliveries: config.EVENT_MAX_DELIVERIES,
    retryAfterMs: config.EVENT_RETRY_DELAY,
    onDeadLetter: (letter) => deadLettered.inc({ stream: letter.stream, group: letter.group }),
    logger,
  });
  // Retention and stream trimming for this context's own events (safe with any number of processes).
  const outboxHousekeeping = new OutboxHousekeeping({
    db, schema: "catalog", stream: CATALOG_EVENTS_STREAM, redis, logger, processedEvents: true,
    retentionMs: config.OUTBOX_RETENTION, maxStreamLength: config.STREAM_MAX_LENGTH,
  });
  const outboxJob = new PeriodicJob("outbox housekeeping", () => outboxHousekeeping.runOnce(), logger);
  if (options.background !== false) {
    relay.start();
    orders.start();
    outboxJob.start(config.OUTBOX_HOUSEKEEPING_INTERVAL);
  }

  const stopBackground = async () => {
    await outboxJob.stop();
    await orders.close();
    await relay.stop();
    redis.disconnect();
  };
  // A server that cannot start stops the background work itself (startSubgraph).
  const server = await startSubgraph<CatalogContext>({
    name: "catalog",
    schema,
    context: contextFactory(stores, { stock, productAdmin, listing }, { internalSecret: config.INTERNAL_SECRET, storeCurrency: config.STORE_CURRENCY }),
    port: config.PORT,
    config,
    logger,
    metrics,
    db,
    redis,
    beforeDisconnect: stopBackground,
  });
  return { ...server, db, relay, orders: orders.consumer };
}
