// Wires the payment subgraph: database, Redis and the outbox relay, the order client, the payment
// provider and its webhook route, services, schema, HTTP. main.ts runs it as a process; tests
// start it in-process on port 0.
import "reflect-metadata";
import { createLogger, ServiceMetrics, startSubgraph, type RunningHttpServer } from "@trolley/http";
import { createRedis, Outbox, OutboxRelay } from "@trolley/outbox";
import { httpOrderClient } from "./clients/order.client.js";
import type { PaymentConfig } from "./config.js";
import { contextFactory, type PaymentContext } from "./context.js";
import { connectPaymentDb, type PaymentDb } from "./db.js";
import { PayOrderService } from "./payment/pay-order.service.js";
import { PaymentSettlement } from "./payment/payment-settlement.js";
import { RefundService } from "./payment/refund.service.js";
import { ProviderRegistry } from "./providers/payment-provider.js";
import { TestPaymentProvider } from "./providers/test-provider.js";
import { buildPaymentSchema } from "./schema.js";
import { createStores } from "./stores.js";
import { webhookPath, webhookRoutes } from "./webhooks/webhook.route.js";
import { WebhookService } from "./webhooks/webhook.service.js";

export const PAYMENT_EVENTS_STREAM = "payment-events";

export interface PaymentApp extends RunningHttpServer {
  db: PaymentDb;
  relay: OutboxRelay;
  /** The built-in test provider (tests watch its calls). */
  provider: TestPaymentProvider;
  /** Where the test provider sends its webhooks. */
  webhookUrl: string;
}

export interface PaymentAppOptions {
  db?: PaymentDb;
  /** false: the outbox relay does not run on its own (tests call it). */
  background?: boolean;
}

export async function startPayment(config: PaymentConfig, options: PaymentAppOptions = {}): Promise<PaymentApp> {
  const logger = createLogger("payment", config.LOG_LEVEL);
  const db = options.db ?? connectPaymentDb(config.DATABASE_URL);
  const redis = createRedis(config.REDIS_URL);
  const stores = createStores(db);
  const outbox = new Outbox({ schema: "payment" });
  const relay = new OutboxRelay({ db, schema: "payment", stream: PAYMENT_EVENTS_STREAM, redis, logger, pollIntervalMs: config.OUTBOX_POLL_INTERVAL });
  const metrics = new ServiceMetrics("payment");
  const payments = metrics.counter("trolley_payments_total", "Payments settled, by outcome: succeeded, failed or refunded.", ["outcome"]);
  const settlement = new PaymentSettlement(stores.payments, outbox, () => relay.notify(), (to) => payments.inc({ outcome: to.toLowerCase() }));

  // Known only once the server listens when it was started on port 0 (set below).
  let webhookUrl = config.PAYMENT_WEBHOOK_URL;
  const provider = new TestPaymentProvider({
    webhookUrl: () => webhookUrl,
    webhookSecret: config.PAYMENT_WEBHOOK_SECRET,
    delayMs: config.PAYMENT_TEST_PROVIDER_DELAY,
    logger,
  });
  const providers = new ProviderRegistry([provider]);
  const orders = httpOrderClient({ url: config.ORDER_URL, timeoutMs: config.ORDER_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const payOrder = new PayOrderService(stores.payments, orders, providers.default, settlement, { confirmWaitMs: config.PAYMENT_CONFIRM_WAIT });
  const refunds = new RefundService(stores.payments, providers, settlement);
  const webhooks = new WebhookService(stores.payments, settlement);
  if (options.background !== false) relay.start();

  let server: RunningHttpServer;
  try {
    server = await startSubgraph<PaymentContext>({
      name: "payment",
      schema: await buildPaymentSchema(),
      context: contextFactory({ stores, payOrder, refunds }, { internalSecret: config.INTERNAL_SECRET }),
      port: config.PORT,
      config,
      logger,
      metrics,
      db,
      redis,
      routes: webhookRoutes({ providers, webhooks, secret: config.PAYMENT_WEBHOOK_SECRET, logger }),
      async beforeDisconnect() {
        provider.stop();
        await relay.stop();
        redis.disconnect();
      },
    });
  } catch (error) {
    provider.stop();
    await relay.stop();
    redis.disconnect();
    if (!options.db) await db.$disconnect();
    throw error;
  }
  if (config.PORT === 0) webhookUrl = new URL(webhookPath(provider.name), server.url).toString();
  return { ...server, db, relay, provider, webhookUrl };
}
