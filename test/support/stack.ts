// The whole system in one test process: the six subgraphs and the gateway on free ports, wired
// like production (static supergraph file, signed identity, HTTP between subgraphs), against the
// worker's own database.
import "reflect-metadata";
import { graphql } from "@trolley/testing";
import { startCatalog } from "../../subgraphs/catalog/src/app.js";
import { readCatalogConfig } from "../../subgraphs/catalog/src/config.js";
import type { CatalogDb } from "../../subgraphs/catalog/src/db.js";
import { startCart, type CartApp, type CartAppOptions } from "../../subgraphs/cart/src/app.js";
import { startProxy } from "./proxy.js";
import { startRoundRobinProxy } from "./round-robin-proxy.js";
import { readCartConfig } from "../../subgraphs/cart/src/config.js";
import { startOrder, type OrderAppOptions } from "../../subgraphs/order/src/app.js";
import { readOrderConfig } from "../../subgraphs/order/src/config.js";
import { startPayment, type PaymentAppOptions } from "../../subgraphs/payment/src/app.js";
import { readPaymentConfig } from "../../subgraphs/payment/src/config.js";
import { startPricing, type PricingAppOptions } from "../../subgraphs/pricing/src/app.js";
import { readPricingConfig } from "../../subgraphs/pricing/src/config.js";
import { startShipping, type ShippingAppOptions } from "../../subgraphs/shipping/src/app.js";
import { readShippingConfig } from "../../subgraphs/shipping/src/config.js";
import { startGateway } from "../../gateway/src/app.js";
import { readGatewayConfig } from "../../gateway/src/config.js";

/**
 * Discount codes a caller may try per window in the stack's pricing (its DISCOUNT_CODE_ATTEMPTS),
 * low enough for a test to reach; `env` may set another.
 */
export const STACK_DISCOUNT_CODE_ATTEMPTS = 5;

export interface StackOptions {
  /** A catalog database client of the test's own (e.g. one that records queries). */
  catalogDb?: CatalogDb;
  env?: Record<string, string>;
  /**
   * Processes of every subgraph, each its own app (pools, relays, consumers, background jobs) on
   * the same database and Redis, the production shape; a group of more than one sits behind a
   * round-robin proxy that the gateway and the other subgraphs call. 1 by default. A database
   * client or clock the options below pass in is every replica's.
   */
  replicas?: number;
  /** Cart processes behind the gateway (requests alternate between them); `replicas` otherwise. */
  carts?: number;
  /** The carts' clock, and whether their relay and housekeeping run by themselves. */
  cartOptions?: CartAppOptions;
  orderOptions?: OrderAppOptions;
  paymentOptions?: PaymentAppOptions;
  /** A pricing database client of the test's own (e.g. one that records queries), its clock, its background work. */
  pricingOptions?: PricingAppOptions;
  /** Shipping's clock (delivery dates), its holiday calendar, its background work. */
  shippingOptions?: ShippingAppOptions;
  /** A database of its own for a context (each context's DATABASE_URL may name another server); the worker's by default. */
  databaseUrls?: Partial<Record<"catalog" | "cart" | "order" | "payment" | "pricing" | "shipping", string>>;
}

export async function startStack(options: StackOptions = {}) {
  const env = { NODE_ENV: "test", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "error", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, PORT: "0", METRICS_PORT: "0", ...options.env };
  const closers: (() => Promise<void>)[] = [];
  const db = (context: keyof NonNullable<StackOptions["databaseUrls"]>) => (options.databaseUrls?.[context] ? { DATABASE_URL: options.databaseUrls[context] } : {});
  const started = async <T extends { close(): Promise<void> }>(service: Promise<T>) => {
    const value = await service;
    closers.unshift(() => value.close());
    return value;
  };
  // `count` apps of one subgraph, and the address its callers use: the app's own for one, a
  // round-robin proxy in front of them for more.
  const group = async <T extends { url: string; close(): Promise<void> }>(count: number, start: () => Promise<T>) => {
    const apps: T[] = [];
    for (let i = 0; i < count; i++) apps.push(await started(start()));
    const url = apps.length > 1 ? (await started(startRoundRobinProxy(apps.map((app) => app.url)))).url : apps[0]!.url;
    return { apps, url };
  };
  const replicas = options.replicas ?? 1;
  try {
    const catalogs = await group(replicas, () => startCatalog(readCatalogConfig({ ...env, ...db("catalog") }), { db: options.catalogDb }));
    // The carts reach the catalog through a link a test can cut: the catalog down for the cart alone.
    const catalogLink = await started(startProxy(() => catalogs.url));
    const pricings = await group(replicas, () => startPricing(readPricingConfig({ DISCOUNT_CODE_ATTEMPTS: String(STACK_DISCOUNT_CODE_ATTEMPTS), ...env, ...db("pricing") }), options.pricingOptions));
    // The carts reach pricing through a link a test can cut: pricing down for the cart alone.
    const pricingLink = await started(startProxy(() => pricings.url));
    const shippings = await group(replicas, () => startShipping(readShippingConfig({ ...env, ...db("shipping") }), options.shippingOptions));
    // Likewise shipping, unless the test gives the carts a SHIPPING_URL of its own.
    const shippingLink = await started(startProxy(() => shippings.url));
    const cartEnv = { ...env, ...db("cart"), CATALOG_URL: catalogLink.url, PRICING_URL: pricingLink.url, SHIPPING_URL: options.env?.SHIPPING_URL ?? shippingLink.url };
    const carts = await group<CartApp>(options.carts ?? replicas, () => startCart(readCartConfig(cartEnv), options.cartOptions));
    // Payment needs the order's URL to start, and the order asks payment only later (cancel,
    // expiry): it reads payment's URL at each call.
    let paymentUrl = "http://127.0.0.1:1/graphql";
    const orderEnv = { ...env, ...db("order"), CART_URL: carts.url, CATALOG_URL: catalogs.url, PRICING_URL: pricings.url, SHIPPING_URL: shippings.url };
    const orders = await group(replicas, () => startOrder(readOrderConfig(orderEnv), { paymentUrl: () => paymentUrl, ...options.orderOptions }));
    const payments = await group(replicas, () => startPayment(readPaymentConfig({ ...env, ...db("payment"), ORDER_URL: orders.url }), options.paymentOptions));
    paymentUrl = payments.url;
    /** Where the gateway (and any other gateway a test starts) reaches each subgraph. */
    const urls = { catalog: catalogs.url, cart: carts.url, order: orders.url, payment: payments.url, pricing: pricings.url, shipping: shippings.url };
    const gateway = await started(
      startGateway(
        readGatewayConfig({ ...env, CATALOG_URL: urls.catalog, CART_URL: urls.cart, ORDER_URL: urls.order, PAYMENT_URL: urls.payment, PRICING_URL: urls.pricing, SHIPPING_URL: urls.shipping }),
      ),
    );
    return {
      /** The first process of each subgraph. */
      catalog: catalogs.apps[0]!,
      cart: carts.apps[0]!,
      order: orders.apps[0]!,
      payment: payments.apps[0]!,
      pricing: pricings.apps[0]!,
      shipping: shippings.apps[0]!,
      /** Every process of each subgraph, the first first. */
      replicas: { catalog: catalogs.apps, cart: carts.apps, order: orders.apps, payment: payments.apps, pricing: pricings.apps, shipping: shippings.apps },
      carts: carts.apps,
      urls,
      /** The carts' way to pricing: `cut()` makes pricing unreachable for them, `restore()` undoes it. */
      pricingLink: { cut: pricingLink.cut, restore: pricingLink.restore },
      /** The carts' way to shipping, the same way. */
      shippingLink: { cut: shippingLink.cut, restore: shippingLink.restore },
      /** The carts' way to the catalog: `cut()` makes the catalog unreachable for them (not for the gateway), `restore()` undoes it. */
      catalogLink: { cut: catalogLink.cut, restore: catalogLink.restore },
      gateway,
      /** A query through the gateway, as a client sends it. */
      query: <T = any>(query: string, variables?: Record<string, unknown>, token?: string) => graphql<T>(gateway.url, query, { variables, token }),
      async close() {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close();
    throw error;
  }
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
