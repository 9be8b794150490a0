// Wires the cart subgraph: database, Redis, catalog, pricing and shipping clients, services (the
// cart, its discount codes, service lines and the shopper's delivery choices, guest sessions and
// merges), the outbox
// relay and the housekeeping job, schema, HTTP. main.ts runs it as a process; tests start it
// in-process on port 0 with their own clock and drive the background work themselves.
import "reflect-metadata";
import { type Clock, type RunningHttpServer } from "@trolley/http";
import { ContextRuntime, type OutboxRelay, type StreamConsumer } from "@trolley/outbox";
import { CartChanges } from "./cart/cart-changes.js";
import { CartHistoryService } from "./cart/cart-history.service.js";
import { CartHistoryStore } from "./cart/cart-history.store.js";
import { CartService } from "./cart/cart.service.js";
import { CartStore, type CartRow } from "./cart/cart.store.js";
import { OrderEventsHandler } from "./checkout/order-events.handler.js";
import { httpCatalogClient } from "./clients/catalog.client.js";
import { httpPricingClient } from "./clients/pricing.client.js";
import { httpShippingClient } from "./clients/shipping.client.js";
import { CartChoicesService } from "./choices/choices.service.js";
import { ShippingSelectionService } from "./choices/shipping-selection.service.js";
import type { CartConfig } from "./config.js";
import { contextFactory, type CartContext } from "./context.js";
import { connectCartDb, type CartDb } from "./db.js";
import { DiscountCodeService } from "./discount-codes/discount-code.service.js";
import { DiscountCodeStore } from "./discount-codes/discount-code.store.js";
import { PricingCodeStanding } from "./discount-codes/pricing-code-standing.js";
import { GuestMergeService } from "./guest/guest-merge.service.js";
import { GuestSessionService } from "./guest/guest-session.service.js";
import { ActivityIndex } from "./housekeeping/activity-index.js";
import { CartHousekeeping } from "./housekeeping/cart-housekeeping.js";
import { HousekeepingStore } from "./housekeeping/housekeeping.store.js";
import { buildCartSchema } from "./schema.js";
import { ServiceLineService } from "./service-lines/service-line.service.js";
import { ServiceLineStore } from "./service-lines/service-line.store.js";

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
  const db = options.db ?? connectCartDb(config.DATABASE_URL);
  const runtime = new ContextRuntime({ context: "cart", schema: "cart", stream: CART_EVENTS_STREAM, config, db, clock: options.clock });
  const { logger, clock, redis, metrics, background, events } = runtime;
  const cartsCreated = metrics.counter("trolley_carts_created_total", "Carts created (an owner's first use of a cart).");
  const itemsAdded = metrics.counter("trolley_cart_items_added_total", "Units put into carts by adding one product or several at once.");
  const store = new CartStore(db, () => cartsCreated.inc());
  const codes = new DiscountCodeStore(db);
  const serviceLineStore = new ServiceLineStore(db);
  const activity = new ActivityIndex(redis);
  const catalog = httpCatalogClient({ url: config.CATALOG_URL, timeoutMs: config.CATALOG_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const pricing = httpPricingClient({ url: config.PRICING_URL, timeoutMs: config.PRICING_TIMEOUT_MS, internalSecret: config.INTERNAL_SECRET });
  const shipping = httpShippingClient({ url: config.SHIPPING_URL, timeoutMs: config.SHIPPING_TIMEOUT, internalSecret: config.INTERNAL_SECRET });
  const afterCommit = (cart: CartRow) => {
    events.notify();
    // Best effort: a lost activity entry only delays noticing abandonment (Postgres is the truth).
    activity.record(cart.id, cart.lastActivityAt).catch(() => {});
  };
  const standing = new PricingCodeStanding(catalog, pricing, config.STORE_CURRENCY, logger);
  const changes = new CartChanges(store, codes, serviceLineStore, events.outbox, clock, standing, afterCommit);
  const carts = new CartService(store, catalog, changes, clock, (quantity) => itemsAdded.inc(quantity));
  const discountCodes = new DiscountCodeService((owner) => carts.current(owner), codes, catalog, pricing, changes, config.STORE_CURRENCY);
  const shippingSelections = new ShippingSelectionService((owner) => carts.current(owner), catalog, shipping, changes, config.STORE_CURRENCY, logger);
  const choices = new CartChoicesService((owner) => carts.current(owner), shippingSelections, changes);
  const serviceLines = new ServiceLineService((owner) => carts.current(owner), catalog, changes);
  const merges = new GuestMergeService(store, codes, serviceLineStore, catalog, events.outbox, standing, clock, afterCommit);
  const history = new CartHistoryService(new CartHistoryStore(db, events.outbox));
  const guestCarts = config.GUEST_CARTS === "on";
  const guestTokens = { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: config.GUEST_TOKEN_TTL_SECONDS };
  const guests = new GuestSessionService(guestTokens, guestCarts);
  const housekeeping = new CartHousekeeping(
    new HousekeepingStore(db),
    events.outbox,
    activity,
    clock,
    { abandonedAfterMs: config.CART_ABANDONED_AFTER, guestCartTtlMs: config.GUEST_CART_TTL },
    logger,
    events.notify,
  );
  const orders = events.consume("order-events", new OrderEventsHandler(store, events.outbox, clock));
  background.every("cart housekeeping", config.CART_HOUSEKEEPING_INTERVAL, () => housekeeping.runOnce());

  // Background work starts with the server; a server that cannot start stops it (ContextRuntime.serve).
  const server = await runtime.serve<CartContext>({
    schema,
    context: contextFactory(
      { carts: store, codes, serviceLines: serviceLineStore },
      {
        carts,
        discountCodes,
        choices,
        shippingSelections,
        serviceLines,
        merges,
        history,
        guests,
        guestCarts,
      },
      config.INTERNAL_SECRET,
    ),
    background: options.background,
  });
  return { ...server, db, relay: events.relay, housekeeping, orders };
}
