// Wires the order subgraph: database, Redis, clients of the cart, catalog and payment, checkout and order
// lifecycle, the outbox relay (order-events), the payment-events consumer and housekeeping, schema,
// HTTP. main.ts runs it as a process; tests start it in-process on port 0, with their own clock.
import "reflect-metadata";
import { createLogger, PeriodicJob, systemClock, type Clock, ServiceMetrics, startSubgraph, type RunningHttpServer } from "@trolley/http";
import { createEventConsumer, createRedis, DeadLetters, Outbox, OutboxHousekeeping, OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import { CheckoutService } from "./checkout/checkout.service.js";
import { CheckoutStore, type Tx } from "./checkout/checkout.store.js";
import { httpCartClient } from "./clients/cart.client.js";
import { httpCatalogClient } from "./clients/catalog.client.js";
import { httpPaymentClient } from "./clients/payment.client.js";
import type { OrderConfig } from "./config.js";
import { contextFactory, type OrderContext } from "./context.js";
import { DeadLetterService } from "./dead-letters/dead-letter.service.js";
import { connectOrderDb, type OrderDb } from "./db.js";
import { OrderHousekeeping } from "./lifecycle/order-housekeeping.js";
import { OrderLifecycle } from "./lifecycle/order-lifecycle.service.js";
import { OrderLifecycleStore } from "./lifecycle/order-lifecycle.store.js";
import { buildOrderSchema } from "./schema.js";
import { createStores } from "./stores.js";

export const ORDER_EVENTS_STREAM = "order-events";

export interface OrderApp extends RunningHttpServer {
  db: OrderDb;
  relay: OutboxRelay;
  payments: StreamConsumer;
  housekeeping: OrderHousekeeping;
}

export interface OrderAppOptions {
  db?: OrderDb;
  clock?: Clock;
  /** false: the relay, the consumer and housekeeping do not run by themselves (tests call them). */
  background?: boolean;
  /**
   * Where the payment subgraph answers, read at each call; PAYMENT_URL otherwise. Tests start the
   * payment subgraph after this one (it needs this one's URL), so they know its address only later.
   */
  paymentUrl?: () => string;
}

export async function startOrder(config: OrderConfig, options: OrderAppOptions = {}): Promise<OrderApp> {
  // Built before anything starts: from here on, only the server's own start can fail.
  const schema = await buildOrderSchema();
  const logger = createLogger("order", config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const db = options.db ?? connectOrderDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  const stores = createStores(db);
  const outbox = new Outbox({ schema: "orders" });
  const relay = new OutboxRelay({ db, schema: "orders", stream: ORDER_EVENTS_STREAM, redis, logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL });
  const calls = { timeoutMs: config.SUBGRAPH_CALL_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET };
  const notify = () => relay.notify();
  const metrics = new ServiceMetrics("order");
  const deadLettered = metrics.counter("trolley_events_dead_lettered_total", "Events moved to the dead letters after EVENT_MAX_DELIVERIES failed deliveries.", ["stream", "group"]);
  const checkouts = metrics.counter("trolley_checkouts_total", "Checkouts by outcome: placed (an order was created) or refused (an expected failure).", ["outcome"]);
  const checkout = new CheckoutService(
    new CheckoutStore(db),
    httpCartClient({ ...calls, url: config.CART_URL }),
    httpCatalogClient({ ...calls, url: config.CATALOG_URL }),
    outbox,
    clock,
    notify,
    (outcome) => checkouts.inc({ outcome }),
  );
  const paymentUrl = options.paymentUrl ?? (() => config.PAYMENT_URL);
  const lifecycle = new OrderLifecycle(new OrderLifecycleStore(db), httpPaymentClient({ ...calls, url: paymentUrl }), outbox, clock, logger, notify);
  const payments = createEventConsumer<Tx>({
    redisUrl: config.REDIS_URL,
    stream: "payment-events",
    group: "order",
    db,
    schema: "orders",
    types: ["PaymentSucceeded", "PaymentFailed"],
    handle: async (event, tx) => {
      await lifecycle.applyPaymentEvent(event, tx);
      notify();
    },
    maxDeliveries: config.EVENT_MAX_DELIVERIES,
    retryAfterMs: config.EVENT_RETRY_DELAY,
    onDeadLetter: (letter) => deadLettered.inc({ stream: letter.stream, group: letter.group }),
    logger,
  });
  const housekeeping = new OrderHousekeeping(lifecycle, checkout, config.ORDER_PAYMENT_TIMEOUT);
  const housekeepingJob = new PeriodicJob("order housekeeping", () => housekeeping.runOnce(), logger);
  // Retention and stream trimming for this context's own events (safe with any number of processes).
  const outboxHousekeeping = new OutboxHousekeeping({
    db, schema: "orders", stream: ORDER_EVENTS_STREAM, redis, logger, processedEvents: true,
    retentionMs: config.OUTBOX_RETENTION, maxStreamLength: config.STREAM_MAX_LENGTH,
  });
  const outboxJob = new PeriodicJob("outbox housekeeping", () => outboxHousekeeping.runOnce(), logger);
  if (options.background !== false) {
    relay.start();
    payments.start();
    housekeepingJob.start(config.ORDER_HOUSEKEEPING_INTERVAL);
    outboxJob.start(config.OUTBOX_HOUSEKEEPING_INTERVAL);
  }

  // A server that cannot start stops the background work itself (startSubgraph).
  const server = await startSubgraph<OrderContext>({
    name: "order",
    schema,
    context: contextFactory({ stores, checkout, lifecycle, deadLetters: new DeadLetterService(new DeadLetters(redis)) }, { internalSecret: config.INTERNAL_SECRET }),
    port: config.PORT,
    config,
    logger,
    metrics,
    db,
    redis,
    async beforeDisconnect() {
      await housekeepingJob.stop();
      await outboxJob.stop();
      await payments.close();
      await relay.stop();
      redis.disconnect();
    },
  });
  return { ...server, db, relay, payments: payments.consumer, housekeeping };
}
