// Wires the cart subgraph: database, Redis, catalog client, services, the outbox relay and the
// housekeeping job, schema, HTTP. main.ts runs it as a process; tests start it in-process on port 0
// with their own clock and drive the background work themselves.
import "reflect-metadata";
import { createLogger, PeriodicJob, systemClock, type Clock, ServiceMetrics, startSubgraph, type RunningHttpServer } from "@trolley/http";
import { createEventConsumer, createRedis, Outbox, OutboxHousekeeping, OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import type { Tx } from "./cart/cart.store.js";
import { orderCreatedHandler } from "./checkout/order-created.handler.js";
import { CartService } from "./cart/cart.service.js";
import { CartStore } from "./cart/cart.store.js";
import { httpCatalogClient } from "./clients/catalog.client.js";
import type { CartConfig } from "./config.js";
import { contextFactory, type CartContext } from "./context.js";
import { connectCartDb, type CartDb } from "./db.js";
import { ActivityIndex } from "./housekeeping/activity-index.js";
import { CartHousekeeping } from "./housekeeping/cart-housekeeping.js";
import { HousekeepingStore } from "./housekeeping/housekeeping.store.js";
import { buildCartSchema } from "./schema.js";

export const CART_EVENTS_STREAM = "cart-events";


export interface CartApp extends RunningHttpServer {
  db: CartDb;
  relay: OutboxRelay;
  housekeeping: CartHousekeeping;
  /** Applies order-events (OrderCreated closes the cart it was made from). */
  orders: StreamConsumer;
}

export interface CartAppOptions {
  db?: CartDb;
  clock?: Clock;
  /** false: the relay, the order-events consumer and housekeeping do not run by themselves (tests call them). */
  background?: boolean;
}

export async function startCart(config: CartConfig, options: CartAppOptions = {}): Promise<CartApp> {
  // Built before anything starts: from here on, only the server's own start can fail.
  const schema = await buildCartSchema();
  const logger = createLogger("cart", config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const db = options.db ?? connectCartDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  const metrics = new ServiceMetrics("cart");
  const cartsCreated = metrics.counter("trolley_carts_created_total", "Carts created (an owner's first use of a cart).");
  const itemsAdded = metrics.counter("trolley_cart_items_added_total", "Units put into carts by adding one product or several at once.");
  const deadLettered = metrics.counter("trolley_events_dead_lettered_total", "Events moved to the dead letters after EVENT_MAX_DELIVERIES failed deliveries.", ["stream", "group"]);
  const store = new CartStore(db, () => cartsCreated.inc());
  const outbox = new Outbox({ schema: "cart" });
  const relay = new OutboxRelay({ db, schema: "cart", stream: CART_EVENTS_STREAM, redis, logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL });
  const activity = new ActivityIndex(redis);
  const catalog = httpCatalogClient({ url: config.CATALOG_URL, timeoutMs: config.CATALOG_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const carts = new CartService(store, catalog, outbox, clock, (cart) => {
    relay.notify();
    // Best effort: a lost activity entry only delays noticing abandonment (Postgres is the truth).
    activity.record(cart.id, cart.lastActivityAt).catch(() => {});
  }, (quantity) => itemsAdded.inc(quantity));
  const housekeeping = new CartHousekeeping(
    new HousekeepingStore(db),
    outbox,
    activity,
    clock,
    { abandonedAfterMs: config.CART_ABANDONED_AFTER, guestCartTtlMs: config.GUEST_CART_TTL },
    logger,
    () => relay.notify(),
  );
  const applyOrderCreated = orderCreatedHandler(store, outbox, clock);
  const orders = createEventConsumer<Tx>({
    redisUrl: config.REDIS_URL,
    stream: "order-events",
    group: "cart",
    db,
    schema: "cart",
    types: ["OrderCreated"],
    handle: async (event, tx) => {
      await applyOrderCreated(event, tx);
      relay.notify();
    },
    maxDeliveries: config.EVENT_MAX_DELIVERIES,
    retryAfterMs: config.EVENT_RETRY_DELAY,
    onDeadLetter: (letter) => deadLettered.inc({ stream: letter.stream, group: letter.group }),
    logger,
  });
  const housekeepingJob = new PeriodicJob("cart housekeeping", () => housekeeping.runOnce(), logger);
  // Retention and stream trimming for this context's own events (safe with any number of processes).
  const outboxHousekeeping = new OutboxHousekeeping({
    db, schema: "cart", stream: CART_EVENTS_STREAM, redis, logger, processedEvents: true,
    retentionMs: config.OUTBOX_RETENTION, maxStreamLength: config.STREAM_MAX_LENGTH,
  });
  const outboxJob = new PeriodicJob("outbox housekeeping", () => outboxHousekeeping.runOnce(), logger);
  if (options.background !== false) {
    relay.start();
    orders.start();
    housekeepingJob.start(config.CART_HOUSEKEEPING_INTERVAL);
    outboxJob.start(config.OUTBOX_HOUSEKEEPING_INTERVAL);
  }

  // A server that cannot start stops the background work itself (startSubgraph).
  const server = await startSubgraph<CartContext>({
    name: "cart",
    schema,
    context: contextFactory(
      {
        carts,
        store,
        outbox,
        guestCarts: config.GUEST_CARTS === "on",
        guestTokens: { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.GUEST_TOKEN_TTL_SECONDS },
      },
      config.INTERNAL_SECRET,
    ),
    port: config.PORT,
    config,
    logger,
    metrics,
    db,
    redis,
    async beforeDisconnect() {
      await housekeepingJob.stop();
      await outboxJob.stop();
      await orders.close();
      await relay.stop();
      redis.disconnect();
    },
  });
  return { ...server, db, relay, housekeeping, orders: orders.consumer };
}
