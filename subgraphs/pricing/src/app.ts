// Wires the pricing subgraph: database, Redis, the rules cache and what keeps it current, services,
// the outbox relay and the order-events consumer, schema, HTTP. main.ts runs it as a process; tests
// start it in-process on port 0 and may drive the background work themselves.
//
// The rules cache (pricing-rules/rules-cache.ts) is loaded before the server listens and reloaded by three
// things: an admin change in this process (before its answer), a PromotionChanged or TaxRateChanged
// event on pricing-events from any process (read by every process, not a consumer group: each
// replica must see each change), and a periodic refresh every PRICING_RULES_REFRESH. Reloading is
// idempotent, so a replica reloading for its own change twice costs two reads, never a wrong rule.
import "reflect-metadata";
import { type Clock, type RunningHttpServer } from "@trolley/http";
import { ContextRuntime, type NewEvent, type OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import { CodeAttempts } from "./codes/code-attempts.js";
import { DiscountCodeService } from "./codes/discount-code.service.js";
import { shopSettings, type PricingConfig } from "./config.js";
import { contextFactory, type PricingContext } from "./context.js";
import { connectPricingDb, type PricingDb } from "./db.js";
import { RuleChangesListener } from "./pricing-rules/rule-changes.listener.js";
import { RulesCache } from "./pricing-rules/rules-cache.js";
import { PromotionAdminService } from "./promotions/promotion-admin.service.js";
import { QuoteService } from "./quoting/quote.service.js";
import { buildPricingSchema } from "./schema.js";
import { createStores } from "./stores.js";
import { TaxRateAdminService } from "./tax/tax-rate-admin.service.js";
import { CodeUsageService } from "./usage/code-usage.service.js";
import { OrderEventsHandler } from "./usage/order-events.handler.js";

export const PRICING_EVENTS_STREAM = "pricing-events";

export interface PricingApp extends RunningHttpServer {
  db: PricingDb;
  relay: OutboxRelay;
  /** Applies order-events: OrderPaid confirms a checkout's code uses, OrderCancelled releases them. */
  orders: StreamConsumer;
  /** The promotions and tax rates in memory; `rules.events` emits "reloaded". */
  rules: RulesCache;
  /** Reloads the rules when a rule change arrives on pricing-events. */
  ruleChanges: RuleChangesListener;
}

export interface PricingAppOptions {
  db?: PricingDb;
  /** The clock of quotes and changes (tests move it). */
  clock?: Clock;
  /** false: the relay, the consumers and the periodic refresh do not run on their own (tests call them). */
  background?: boolean;
}

export async function startPricing(config: PricingConfig, options: PricingAppOptions = {}): Promise<PricingApp> {
  // Built before anything starts: from here on, only the server's own start can fail.
  const schema = await buildPricingSchema();
  const db = options.db ?? connectPricingDb(config.DATABASE_URL);
  const runtime = new ContextRuntime({ context: "pricing", schema: "pricing", stream: PRICING_EVENTS_STREAM, config, db, clock: options.clock });
  const { logger, clock, redis, background, events } = runtime;
  const stores = createStores(db);

  const rules = new RulesCache(() => stores.rules.load(), logger);
  const ruleChanges = background.add(new RuleChangesListener(config, PRICING_EVENTS_STREAM, () => rules.reload(), logger));
  // Per replica by design, never claimed: each process must reload its own memory (a claim would
  // leave the others stale). It only reads, so any number of replicas may run it at any time.
  background.every("pricing rules refresh", config.PRICING_RULES_REFRESH, () => rules.reload());
  // After an admin change committed. A failed reload must not turn the committed change into an
  // error: the change's own event, or the next refresh, reloads the rules.
  const ruleChanged = async () => {
    events.notify();
    await rules.reload().catch((error: unknown) => logger.warn("pricing rules not reloaded after a change; its event or the next refresh will", { error }));
  };
  const publish = async (published: NewEvent[]) => {
    await events.outbox.append(db, published);
    events.notify();
  };

  const quotes = new QuoteService(rules, shopSettings(config), clock);
  const usage = new CodeUsageService(stores.codeUses, clock);
  const attempts = new CodeAttempts(redis, config.DISCOUNT_CODE_ATTEMPTS, config.DISCOUNT_CODE_ATTEMPT_WINDOW, logger);
  const codes = new DiscountCodeService(quotes, attempts, stores.codeUses, publish, clock);
  const promotions = new PromotionAdminService(stores.promotions, events.outbox, ruleChanged, clock, config.STORE_CURRENCY);
  const taxRates = new TaxRateAdminService(stores.taxRates, events.outbox, ruleChanged, clock);
  const orders = events.consume("order-events", new OrderEventsHandler(usage));

  // From the stream's position before the first load, so that a change published meanwhile is read.
  await ruleChanges.mark();
  await rules.reload().catch((error: unknown) => logger.error("pricing rules not loaded at start; quotes wait for the next load", { error }));

  // Background work starts with the server; a server that cannot start stops it (ContextRuntime.serve).
  const server = await runtime.serve<PricingContext>({
    schema,
    context: contextFactory({ quotes, codes, usage, promotions, taxRates }, { internalSecret: config.INTERNAL_SECRET, storeCurrency: config.STORE_CURRENCY }),
    background: options.background,
  });
  return { ...server, db, relay: events.relay, orders, rules, ruleChanges };
}
