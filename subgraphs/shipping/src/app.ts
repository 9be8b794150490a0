// Wires the shipping subgraph: database, Redis, the holiday calendar, the option source and the
// services over it (the judgement, and the cart's options with their cache), the outbox relay,
// schema, HTTP. main.ts runs it as a process; tests start it
// in-process on port 0, with a clock they move and a holiday API of their own.
import "reflect-metadata";
import { type Clock, type RunningHttpServer } from "@trolley/http";
import { ContextRuntime, type OutboxRelay } from "@trolley/outbox";
import { CartOptionsService } from "./cart/cart-options.service.js";
import { OptionsCache } from "./cart/options-cache.js";
import type { ShippingConfig } from "./config.js";
import { contextFactory, type ShippingContext } from "./context.js";
import { connectShippingDb, type ShippingDb } from "./db.js";
import { createHolidayCalendar } from "./holidays/create-holiday-calendar.js";
import type { HolidayCalendar } from "./holidays/holiday-calendar.js";
import { ShippingJudgementService } from "./judgement/shipping-judgement.service.js";
import { OptionSource } from "./options/option-source.js";
import { ShippingOffersService } from "./options/shipping-offers.service.js";
import { buildShippingSchema } from "./schema.js";
import { createStores } from "./stores.js";

/** Shipping's own stream. Nothing is published to it yet: options change only through the seed. */
export const SHIPPING_EVENTS_STREAM = "shipping-events";

export interface ShippingApp extends RunningHttpServer {
  db: ShippingDb;
  relay: OutboxRelay;
}

export interface ShippingAppOptions {
  db?: ShippingDb;
  /** The clock delivery dates are computed at (tests move it). */
  clock?: Clock;
  /** Where holidays come from, instead of what HOLIDAY_API_URL says. */
  holidays?: HolidayCalendar;
  /** false: the relay does not run on its own (tests call it). */
  background?: boolean;
}

export async function startShipping(config: ShippingConfig, options: ShippingAppOptions = {}): Promise<ShippingApp> {
  // Built before anything starts: from here on, only the server's own start can fail.
  const schema = await buildShippingSchema();
  const db = options.db ?? connectShippingDb(config.DATABASE_URL);
  const runtime = new ContextRuntime({ context: "shipping", schema: "shipping", stream: SHIPPING_EVENTS_STREAM, config, db, clock: options.clock });
  const { logger, clock, redis, events } = runtime;
  const stores = createStores(db);

  const holidays = options.holidays ?? createHolidayCalendar(config, redis, logger);
  const source = new OptionSource(stores.options, logger);
  const offers = new ShippingOffersService(holidays, config.SHIPPING_DELIVERY_DATES);
  const judgements = new ShippingJudgementService(source, offers, clock);
  const cartOptions = new CartOptionsService(offers, new OptionsCache(redis, config.SHIPPING_OPTIONS_CACHE_TTL, logger));

  // Background work starts with the server; a server that cannot start stops it (ContextRuntime.serve).
  const server = await runtime.serve<ShippingContext>({
    schema,
    context: contextFactory({ source, holidays, offers, cartOptions, judgements }, { internalSecret: config.INTERNAL_SECRET, defaultCountryCode: config.SHIPPING_DEFAULT_COUNTRY, clock }),
    background: options.background,
  });
  return { ...server, db, relay: events.relay };
}
