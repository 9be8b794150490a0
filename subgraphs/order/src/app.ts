// Wires the order subgraph: database, Redis, clients of the cart, catalog, pricing and payment, checkout and order
// lifecycle, the outbox relay (order-events), the payment-events consumer and housekeeping, schema,
// HTTP. main.ts runs it as a process; tests start it in-process on port 0, with their own clock.
import "reflect-metadata";
import { type Clock, type RunningHttpServer } from "@trolley/http";
import { ContextRuntime, DeadLetters, type OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import { CheckoutHolds } from "./checkout/checkout-holds.js";
import { CheckoutService } from "./checkout/checkout.service.js";
import { CheckoutStore } from "./checkout/checkout.store.js";
import { httpCartClient } from "./clients/cart.client.js";
import { httpCatalogClient } from "./clients/catalog.client.js";
import { httpPaymentClient } from "./clients/payment.client.js";
import { httpPricingClient } from "./clients/pricing.client.js";
import { httpShippingClient } from "./clients/shipping.client.js";
import type { OrderConfig } from "./config.js";
import { contextFactory, type OrderContext } from "./context.js";
import { DeadLetterService } from "./dead-letters/dead-letter.service.js";
import { connectOrderDb, type OrderDb } from "./db.js";
import { OrderHousekeeping } from "./lifecycle/order-housekeeping.js";
import { OrderLifecycle } from "./lifecycle/order-lifecycle.service.js";
import { OrderLifecycleStore } from "./lifecycle/order-lifecycle.store.js";
import { PaymentEventsHandler } from "./lifecycle/payment-events.handler.js";
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
  const db = options.db ?? connectOrderDb(config.DATABASE_URL);
  const runtime = new ContextRuntime({ context: "order", schema: "orders", stream: ORDER_EVENTS_STREAM, config, db, clock: options.clock });
  const { logger, clock, redis, metrics, background, events } = runtime;
  const stores = createStores(db);
  const calls = { timeoutMs: config.SUBGRAPH_CALL_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET };
  const checkouts = metrics.counter("trolley_checkouts_total", "Checkouts by outcome: placed (an order was created) or refused (an expected failure).", ["outcome"]);
  const checkout = new CheckoutService(
    new CheckoutStore(db),
    httpCartClient({ ...calls, url: config.CART_URL }),
    new CheckoutHolds(httpCatalogClient({ ...calls, url: config.CATALOG_URL }), httpPricingClient({ ...calls, url: config.PRICING_URL }), httpShippingClient({ ...calls, url: config.SHIPPING_URL })),
    events.outbox,
    clock,
    events.notify,
    (outcome) => checkouts.inc({ outcome }),
  );
  const paymentUrl = options.paymentUrl ?? (() => config.PAYMENT_URL);
  const lifecycle = new OrderLifecycle(new OrderLifecycleStore(db), httpPaymentClient({ ...calls, url: paymentUrl }), events.outbox, clock, logger, events.notify);
  const payments = events.consume("payment-events", new PaymentEventsHandler(lifecycle));
  const housekeeping = new OrderHousekeeping(lifecycle, checkout, config.ORDER_PAYMENT_TIMEOUT);
  background.every("order housekeeping", config.ORDER_HOUSEKEEPING_INTERVAL, () => housekeeping.runOnce());

  // Background work starts with the server; a server that cannot start stops it (ContextRuntime.serve).
  const server = await runtime.serve<OrderContext>({
    schema,
    context: contextFactory({ stores, checkout, lifecycle, deadLetters: new DeadLetterService(new DeadLetters(redis)) }, { internalSecret: config.INTERNAL_SECRET }),
    background: options.background,
  });
  return { ...server, db, relay: events.relay, payments, housekeeping };
}
