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
  /** Cart processes behind the gateway (requests alternate between them). */
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
  try {
    const catalog = await started(startCatalog(readCatalogConfig({ ...env, ...db("catalog") }), { db: options.catalogDb }));
    // The carts reach the catalog through a link a test can cut: the catalog down for the cart alone.
    const catalogLink = await started(startProxy(() => catalog.url));
    const pricing = await started(startPricing(readPricingConfig({ DISCOUNT_CODE_ATTEMPTS: String(STACK_DISCOUNT_CODE_ATTEMPTS), ...env, ...db("pricing") }), options.pricingOptions));
    // The carts reach pricing through a link a test can cut: pricing down for the cart alone.
    const pricingLink = await started(startProxy(() => pricing.url));
    const shipping = await started(startShipping(readShippingConfig({ ...env, ...db("shipping") }), options.shippingOptions));
    // Likewise shipping, unless the test gives the carts a SHIPPING_URL of its own.
    const shippingLink = await started(startProxy(() => shipping.url));
    const carts: CartApp[] = [];
    for (let i = 0; i < (options.carts ?? 1); i++) {
      const cartEnv = { ...env, ...db("cart"), CATALOG_URL: catalogLink.url, PRICING_URL: pricingLink.url, SHIPPING_URL: options.env?.SHIPPING_URL ?? shippingLink.url };
      carts.push(await started(startCart(readCartConfig(cartEnv), options.cartOptions)));
    }
    const cart = carts[0];
    const cartUrl = carts.length > 1 ? (await started(startRoundRobinProxy(carts.map((c) => c.url)))).url : cart.url;
    // Payment needs the order's URL to start, and the order asks payment only later (cancel,
    // expiry): it reads payment's URL at each call.
    let paymentUrl = "http://127.0.0.1:1/graphql";
    const order = await started(
      startOrder(readOrderConfig({ ...env, ...db("order"), CART_URL: cartUrl, CATALOG_URL: catalog.url, PRICING_URL: pricing.url, SHIPPING_URL: shipping.url }), { paymentUrl: () => paymentUrl, ...options.orderOptions }),
    );
    const payment = await started(startPayment(readPaymentConfig({ ...env, ...db("payment"), ORDER_URL: order.url }), options.paymentOptions));
    paymentUrl = payment.url;
    const gateway = await started(
      startGateway(
        readGatewayConfig({ ...env, CATALOG_URL: catalog.url, CART_URL: cartUrl, ORDER_URL: order.url, PAYMENT_URL: payment.url, PRICING_URL: pricing.url, SHIPPING_URL: shipping.url }),
      ),
    );
    return {
      catalog,
      cart,
      carts,
      order,
      payment,
      pricing,
      shipping,
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
