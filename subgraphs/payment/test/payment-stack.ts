// The payment subgraph and the order subgraph it reads orders from, in this process on free ports,
// against the worker's own database. Checkout is another context's work, so a test makes its
// orders itself, in the order subgraph's table, with fresh ids: each test owns its data.
import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { IDENTITY_HEADER, signIdentity, type Identity } from "@trolley/identity";
import { Outbox } from "@trolley/outbox";
import { graphql } from "@trolley/testing";
import { startOrder } from "../../order/src/app.js";
import { readOrderConfig } from "../../order/src/config.js";
import { startPayment, type PaymentAppOptions } from "../src/app.js";
import { readPaymentConfig } from "../src/config.js";
import { signWebhook, SIGNATURE_HEADER } from "../src/webhooks/webhook-signature.js";

export const INTERNAL_SECRET = "dev-internal-secret-change-me";
export const WEBHOOK_SECRET = "dev-webhook-secret-change-me";

export const customer = (subject = `user-${randomUUID()}`): Identity => ({ kind: "user", subject, roles: ["customer"] });
export const admin = (): Identity => ({ kind: "user", subject: `admin-${randomUUID()}`, roles: ["admin"] });
export const subjectOf = (identity: Identity) => (identity.kind === "anonymous" ? "" : identity.subject);

export const PAY_ORDER = `mutation($o: ID!, $t: String!, $k: String!) {
  payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) {
    payment { id status amount { amount currencyCode } provider failureCode }
    userErrors { code field message }
  }
}`;

export const REFUND_PAYMENT = `mutation($p: ID!, $k: String!) {
  refundPayment(paymentId: $p, idempotencyKey: $k) {
    payment { id status }
    userErrors { code field message }
  }
}`;

export interface StackOptions {
  /** Payment settings over the test defaults. */
  env?: Record<string, string>;
  payment?: PaymentAppOptions;
}

export async function startPaymentStack(options: StackOptions = {}) {
  const env = { NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, PORT: "0", METRICS_PORT: "0" };
  // The order asks payment only when it cancels or expires a claimed order; it reads the URL then.
  let paymentUrl = "http://127.0.0.1:1/graphql";
  const order = await startOrder(readOrderConfig(env), { paymentUrl: () => paymentUrl });
  let payment;
  try {
    payment = await startPayment(readPaymentConfig({ ...env, ORDER_URL: order.url, ...options.env }), { background: false, ...options.payment });
  } catch (error) {
    await order.close();
    throw error;
  }
  paymentUrl = payment.url;
  const outbox = new Outbox({ schema: "payment" });
  const app = payment;

  return {
    order,
    payment,

    /** A new order of the owner; awaiting payment unless told otherwise. */
    createOrder(ownerId: string, fields: { totalMinor?: number; status?: "PENDING_PAYMENT" | "PAID" | "CANCELLED"; currencyCode?: string } = {}) {
      const totalMinor = fields.totalMinor ?? 4999;
      // Goods only, no discount or tax: its cost.total, what payment charges, is totalMinor.
      const cost = { subtotalMinor: totalMinor, servicesSubtotalMinor: 0, shippingMinor: 0, discountTotalMinor: 0, taxMinor: 0, taxIncluded: false, discounts: [] };
      return order.db.order.create({
        data: { number: `TEST-${randomUUID()}`, userId: ownerId, status: fields.status ?? "PENDING_PAYMENT", currencyCode: fields.currencyCode ?? "USD", totalMinor, ...cost },
      });
    },

    /** A GraphQL request to the payment subgraph as the gateway sends it, for this caller. */
    query<T = any>(query: string, variables: Record<string, unknown>, identity?: Identity) {
      return graphql<T>(app.url, query, { variables, headers: identity ? { [IDENTITY_HEADER]: signIdentity(identity, INTERNAL_SECRET) } : {} });
    },

    payOrder(identity: Identity, orderId: string, token: string, key = randomUUID()) {
      return this.query(PAY_ORDER, { o: orderId, t: token, k: key }, identity).then((response) => {
        if (response.errors) throw new Error(`payOrder failed: ${JSON.stringify(response.errors)}`);
        return response.data.payOrder as { payment: any; userErrors: { code: string; field: string[] | null; message: string }[] };
      });
    },

    /** The payment's events in the outbox, oldest first. */
    async events(paymentId: string) {
      return (await outbox.history(app.db, paymentId, 100)).reverse();
    },

    paymentsOfOrder(orderId: string) {
      return app.db.payment.findMany({ where: { orderId }, orderBy: { createdAt: "asc" } });
    },

    /** Posts a webhook to the test provider's route, signed like the provider does unless told otherwise. */
    async postWebhook(event: unknown, signing: { secret?: string; timestamp?: number; header?: string | null; path?: string } = {}) {
      const body = typeof event === "string" ? event : JSON.stringify(event);
      const header = signing.header === undefined ? signWebhook(body, signing.secret ?? WEBHOOK_SECRET, signing.timestamp) : signing.header;
      const url = signing.path ? new URL(signing.path, app.url).toString() : app.webhookUrl;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(header === null ? {} : { [SIGNATURE_HEADER]: header }) },
        body,
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },

    async close() {
      await app.close();
      await order.close();
    },
  };
}

export type PaymentStack = Awaited<ReturnType<typeof startPaymentStack>>;

/** A provider event for a payment, as the test provider would send it. */
export function chargeEvent(type: string, payment: { id: string; providerRef: string | null }, failureCode?: string) {
  return {
    id: `evt_${randomUUID()}`,
    type,
    created: Math.floor(Date.now() / 1000),
    data: { providerRef: payment.providerRef, paymentId: payment.id, ...(failureCode ? { failureCode } : {}) },
  };
}
