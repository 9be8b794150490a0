// The provider PAYMENT_PROVIDER names, with what it needs to run: the test provider's webhook
// sender runs in this process (beside those of the other payment processes); Stripe runs at Stripe.
import type { Logger } from "@trolley/http";
import type { PaymentConfig } from "../config.js";
import type { PaymentDb } from "../db.js";
import type { PaymentProvider } from "./payment-provider.js";
import { StripePaymentProvider } from "./stripe-provider.js";
import { TestPaymentProvider } from "./test-provider.js";
import { TestProviderStore } from "./test-provider.store.js";
import { TestWebhookSender } from "./test-webhook-sender.js";

export interface RunningProvider {
  provider: PaymentProvider;
  start(): void;
  stop(): Promise<void>;
}

export function createProvider(config: PaymentConfig, db: PaymentDb, logger: Logger, webhookUrl: () => string): RunningProvider {
  if (config.PAYMENT_PROVIDER === "stripe") {
    // config.ts refuses to start stripe without both keys.
    const provider = new StripePaymentProvider({ secretKey: config.STRIPE_SECRET_KEY!, webhookSecret: config.STRIPE_WEBHOOK_SECRET!, apiUrl: config.STRIPE_API_URL });
    return { provider, start() {}, async stop() {} };
  }
  const store = new TestProviderStore(db);
  const sender = new TestWebhookSender(store, { webhookUrl, webhookSecret: config.PAYMENT_WEBHOOK_SECRET, logger });
  const provider = new TestPaymentProvider({ store, sender, webhookSecret: config.PAYMENT_WEBHOOK_SECRET, delayMs: config.PAYMENT_TEST_PROVIDER_DELAY });
  return { provider, start: () => sender.start(), stop: () => sender.stop() };
}
