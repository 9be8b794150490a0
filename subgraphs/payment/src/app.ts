// Wires the payment subgraph: database, Redis and the outbox relay, the order client, the payment
// provider and its webhook route, services, the order-events consumer and the refund sweep (the
// automatic refund of cancelled orders' payments), schema, HTTP. main.ts runs it as a process;
// tests start it in-process on port 0.
import "reflect-metadata";
import { type Clock, type RunningHttpServer } from "@trolley/http";
import { ContextRuntime, type OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import { httpOrderClient, type OrderClient } from "./clients/order.client.js";
import type { PaymentConfig } from "./config.js";
import { contextFactory, type PaymentContext } from "./context.js";
import { connectPaymentDb, type PaymentDb } from "./db.js";
import { CancelledOrderRefunds } from "./payment/cancelled-order-refunds.js";
import { CancelledOrderStore } from "./payment/cancelled-order.store.js";
import { OrderEventsHandler } from "./payment/order-events.handler.js";
import { PayOrderService } from "./payment/pay-order.service.js";
import { PaymentReconciliation } from "./payment/payment-reconciliation.js";
import { PaymentSettlement } from "./payment/payment-settlement.js";
import { RefundService } from "./payment/refund.service.js";
import { createProvider } from "./providers/create-provider.js";
import { ProviderRegistry, type PaymentProvider } from "./providers/payment-provider.js";
import { buildPaymentSchema } from "./schema.js";
import { createStores } from "./stores.js";
import { webhookPath, webhookRoutes } from "./webhooks/webhook.route.js";
import { WebhookService } from "./webhooks/webhook.service.js";

export const PAYMENT_EVENTS_STREAM = "payment-events";

export interface PaymentApp extends RunningHttpServer {
  db: PaymentDb;
  relay: OutboxRelay;
  /** The provider new payments use (tests watch its calls). */
  provider: PaymentProvider;
  /** Where the test provider sends its webhooks. */
  webhookUrl: string;
  /** The client payOrder reads and claims orders with (tests hold it at a barrier). */
  orderClient: OrderClient;
  /** The order-events consumer (OrderCancelled: automatic refunds). */
  orderEvents: StreamConsumer;
  refunds: RefundService;
  cancelledOrderRefunds: CancelledOrderRefunds;
  reconciliation: PaymentReconciliation;
}

export interface PaymentAppOptions {
  db?: PaymentDb;
  /** When payments are made and move, and what the reconciliation counts from (tests move it). */
  clock?: Clock;
  /** false: the outbox relay, the order-events consumer, the refund sweep and the reconciliation do not run on their own (tests call them). */
  background?: boolean;
}

export async function startPayment(config: PaymentConfig, options: PaymentAppOptions = {}): Promise<PaymentApp> {
  // Built before anything starts: from here on, only the server's own start can fail.
  const schema = await buildPaymentSchema();
  const db = options.db ?? connectPaymentDb(config.DATABASE_URL);
  const runtime = new ContextRuntime({ context: "payment", schema: "payment", stream: PAYMENT_EVENTS_STREAM, config, db, clock: options.clock });
  const { logger, clock, metrics, background, events } = runtime;
  const stores = createStores(db);
  const payments = metrics.counter("trolley_payments_total", "Payments settled, by outcome: succeeded, failed or refunded.", ["outcome"]);
  const settlement = new PaymentSettlement(stores.payments, events.outbox, events.notify, (to) => payments.inc({ outcome: to.toLowerCase() }), clock);

  // Known only once the server listens when it was started on port 0 (set below).
  let webhookUrl = config.PAYMENT_WEBHOOK_URL;
  const running = createProvider(config, db, logger, () => webhookUrl);
  const { provider } = running;
  const providers = new ProviderRegistry([provider]);
  const orders = httpOrderClient({ url: config.ORDER_URL, timeoutMs: config.ORDER_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const payOrder = new PayOrderService(stores.payments, orders, providers.default, settlement, clock, { confirmWaitMs: config.PAYMENT_CONFIRM_WAIT });
  const refunds = new RefundService(stores.payments, providers, settlement, clock);
  const cancelledOrderRefunds = new CancelledOrderRefunds(new CancelledOrderStore(db, stores.payments), refunds, logger);
  // A payment that succeeds for an order already cancelled is refunded at once (through the settlement, hence set here).
  settlement.onSucceeded((payment) => cancelledOrderRefunds.afterSucceeded(payment));
  const webhooks = new WebhookService(stores.payments, settlement, clock);
  const orderEvents = events.consume("order-events", new OrderEventsHandler(cancelledOrderRefunds));
  background.every("refund sweep", config.PAYMENT_REFUND_SWEEP_INTERVAL, () => cancelledOrderRefunds.sweep());
  const reconciliation = new PaymentReconciliation(
    stores.payments,
    providers,
    settlement,
    clock,
    { processingAfterMs: config.PAYMENT_RECONCILE_AFTER, actionTimeoutMs: config.PAYMENT_ACTION_TIMEOUT },
    logger,
  );
  background.every("payment reconciliation", config.PAYMENT_RECONCILE_INTERVAL, () => reconciliation.runOnce());
  // Background work starts with the server; a server that cannot start stops it (ContextRuntime.serve).
  const server = await runtime.serve<PaymentContext>({
    schema,
    context: contextFactory({ stores, payOrder, refunds }, { internalSecret: config.INTERNAL_SECRET }),
    routes: webhookRoutes({ providers, webhooks, logger }),
    background: options.background,
    // The test provider's webhook sender stops before the rest of the background work.
    beforeStop: () => running.stop(),
  });
  if (config.PORT === 0) webhookUrl = new URL(webhookPath(provider.name), server.url).toString();
  // Once the webhook URL is known. Always: it plays the provider's side, which runs whether or not
  // our own background jobs do.
  running.start();
  return { ...server, db, relay: events.relay, provider, webhookUrl, orderClient: orders, orderEvents, refunds, cancelledOrderRefunds, reconciliation };
}
