// The stripe provider through payOrder, refundPayment and POST /webhooks/stripe, with the official
// SDK talking to a local server that speaks Stripe's documented endpoints (fake-stripe-server.ts):
// Stripe itself cannot be reached from here.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { StripePaymentProvider } from "../src/providers/stripe-provider.js";
import { FAKE_STRIPE_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "./fake-stripe-server.js";
import { admin, customer, REFUND_PAYMENT, startPaymentStack, subjectOf, type PaymentStack } from "./payment-stack.js";
import { whileHolding } from "../../../test/support/lock-waiter.js";

const PAY = `mutation($o: ID!, $t: String!, $k: String!) {
  payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) {
    payment { id status provider failureCode clientSecret }
    userErrors { code field }
  }
}`;

let stripe: FakeStripe;
let stack: PaymentStack;

beforeAll(async () => {
  stripe = await startFakeStripe();
  stack = await startPaymentStack({
    env: { PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: FAKE_STRIPE_KEY, STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url, PAYMENT_CONFIRM_WAIT: "100ms" },
  });
});
afterAll(async () => {
  await stack?.close();
  await stripe?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const adapter = () => new StripePaymentProvider({ secretKey: FAKE_STRIPE_KEY, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET, apiUrl: stripe.url });

async function pay(token: string, options: { totalMinor?: number } = {}) {
  const payer = customer();
  const order = await stack.createOrder(subjectOf(payer), { totalMinor: options.totalMinor ?? 4999 });
  const { data, errors } = await stack.query(PAY, { o: order.id, t: token, k: randomUUID() }, payer);
  expect(errors).toBeUndefined();
  const row = data.payOrder.payment && (await stack.payment.db.payment.findUnique({ where: { id: data.payOrder.payment.id } }));
  return { payer, order, answer: data.payOrder, row };
}

async function postWebhook(signed: { payload: string; header: string | null }) {
  const response = await fetch(new URL("/webhooks/stripe", stack.payment.url), {
    method: "POST",
    headers: { "content-type": "application/json", ...(signed.header === null ? {} : { "stripe-signature": signed.header }) },
    body: signed.payload,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const statusOf = async (id: string) => (await stack.payment.db.payment.findUnique({ where: { id } }))!.status;
const eventTypes = async (id: string) => (await stack.events(id)).map((e) => e.type);

describe("the stripe provider", () => {
  it("charges with a PaymentIntent confirmed at once: SUCCEEDED from Stripe's answer, our payment id in its metadata", async () => {
    const { answer, row, order } = await pay("pm_card_visa", { totalMinor: 12_345 });

    expect(answer).toEqual({ payment: { id: row!.id, status: "SUCCEEDED", provider: "stripe", failureCode: null, clientSecret: null }, userErrors: [] });
    const intent = stripe.intents.get(row!.providerRef!)!;
    expect(intent).toMatchObject({ amount: 12_345, currency: "usd", status: "succeeded", metadata: { payment_id: row!.id } });
    const create = stripe.requests.find((r) => r.path === "/v1/payment_intents" && r.form["metadata[payment_id]"] === row!.id)!;
    expect(create).toMatchObject({ method: "POST", idempotencyKey: row!.id, form: { payment_method: "pm_card_visa", confirm: "true" } });
    expect(await stack.events(row!.id)).toEqual([expect.objectContaining({ type: "PaymentSucceeded", data: expect.objectContaining({ orderId: order.id, amountMinor: 12_345, provider: "stripe" }) })]);
  });

  it("answers REQUIRES_ACTION with the intent's client secret for 3-D Secure; payment_intent.succeeded then settles it", async () => {
    const { answer, row } = await pay("pm_card_threeDSecure2Required");
    const intent = stripe.intents.get(row!.providerRef!)!;

    expect(answer.payment).toMatchObject({ status: "REQUIRES_ACTION", clientSecret: intent.client_secret });
    expect(answer.userErrors).toEqual([]);
    expect(await stack.events(row!.id)).toEqual([]);

    const completed = stripe.completeAction(intent.id);
    expect(await postWebhook(stripe.signedEvent("payment_intent.succeeded", completed))).toEqual({ status: 200, body: { received: true } });

    expect(await stack.payment.db.payment.findUnique({ where: { id: row!.id } })).toMatchObject({ status: "SUCCEEDED", clientSecret: null });
    expect(await eventTypes(row!.id)).toEqual(["PaymentSucceeded"]);
  });

  it("settles a failed 3-D Secure by payment_intent.payment_failed with its decline code", async () => {
    const { row } = await pay("pm_card_threeDSecure2Required");
    const intent = stripe.intents.get(row!.providerRef!)!;
    const failed = { ...intent, status: "requires_payment_method", last_payment_error: { type: "card_error", code: "card_declined", decline_code: "insufficient_funds" } };

    await postWebhook(stripe.signedEvent("payment_intent.payment_failed", failed));

    expect(await stack.payment.db.payment.findUnique({ where: { id: row!.id } })).toMatchObject({ status: "FAILED", failureCode: "INSUFFICIENT_FUNDS" });
  });

  for (const [token, code] of [
    ["pm_card_chargeDeclined", "CARD_DECLINED"],
    ["pm_card_chargeDeclinedInsufficientFunds", "INSUFFICIENT_FUNDS"],
    ["pm_madeUp", "INVALID_PAYMENT_METHOD"],
  ] as const) {
    it(`maps Stripe's refusal for ${token} to ${code}, at once`, async () => {
      const { answer, row } = await pay(token);
      expect(answer.payment).toMatchObject({ status: "FAILED", failureCode: code });
      expect(answer.userErrors).toEqual([expect.objectContaining({ code, field: ["paymentMethodToken"] })]);
      expect(await eventTypes(row!.id)).toEqual(["PaymentFailed"]);
    });
  }

  it("makes one PaymentIntent per idempotency key, also when the SDK retries after a lost response", async () => {
    const key = `pay-${randomUUID()}`;
    const request = { paymentId: randomUUID(), amountMinor: 700, currencyCode: "EUR", token: "pm_card_visa", idempotencyKey: key };
    const before = stripe.intents.size;

    // The first answer is lost on the way back; the SDK retries with the same key and gets it replayed.
    stripe.dropNextResponse();
    const first = await adapter().charge(request);
    const again = await adapter().charge(request);

    expect(first).toEqual({ providerRef: expect.stringMatching(/^pi_/), status: "succeeded", clientSecret: null });
    expect(again).toEqual(first);
    expect(stripe.intents.size).toBe(before + 1);
    expect(stripe.requests.filter((r) => r.idempotencyKey === key).length).toBeGreaterThanOrEqual(3);
  });

  it("retrieves an intent's state: requires_action, succeeded once completed, refunded once refunded", async () => {
    const provider = adapter();
    const { providerRef, status, clientSecret } = await provider.charge({ paymentId: randomUUID(), amountMinor: 900, currencyCode: "USD", token: "pm_card_threeDSecure2Required", idempotencyKey: randomUUID() });
    expect({ status, clientSecret }).toEqual({ status: "requires_action", clientSecret: stripe.intents.get(providerRef)!.client_secret });
    expect(await provider.retrieve(providerRef)).toEqual({ providerRef, status: "requires_action" });

    stripe.completeAction(providerRef);
    expect(await provider.retrieve(providerRef)).toEqual({ providerRef, status: "succeeded" });

    await provider.refund({ providerRef, amountMinor: 900, idempotencyKey: randomUUID() });
    expect(await provider.retrieve(providerRef)).toEqual({ providerRef, status: "refunded" });
  });

  it("cancels an intent waiting for 3-D Secure, and answers the state of one that already succeeded", async () => {
    const provider = adapter();
    const waiting = await provider.charge({ paymentId: randomUUID(), amountMinor: 900, currencyCode: "USD", token: "pm_card_threeDSecure2Required", idempotencyKey: randomUUID() });
    const paid = await provider.charge({ paymentId: randomUUID(), amountMinor: 900, currencyCode: "USD", token: "pm_card_visa", idempotencyKey: randomUUID() });

    expect(await provider.cancel(waiting.providerRef)).toEqual({ providerRef: waiting.providerRef, status: "canceled" });
    expect(stripe.intents.get(waiting.providerRef)!.status).toBe("canceled");
    expect(await provider.cancel(paid.providerRef)).toEqual({ providerRef: paid.providerRef, status: "succeeded" });
  });

  it("records payment_intent.canceled as a failure (PAYMENT_CANCELED): the order can be paid again", async () => {
    const { row, payer, order } = await pay("pm_card_threeDSecure2Required");
    const canceled = await adapter().cancel(row!.providerRef!);
    expect(canceled.status).toBe("canceled");

    await postWebhook(stripe.signedEvent("payment_intent.canceled", stripe.intents.get(row!.providerRef!)!));

    expect(await stack.payment.db.payment.findUnique({ where: { id: row!.id } })).toMatchObject({ status: "FAILED", failureCode: "PAYMENT_CANCELED", clientSecret: null });
    const retried = await stack.query(PAY, { o: order.id, t: "pm_card_visa", k: randomUUID() }, payer);
    expect(retried.data.payOrder.payment.status).toBe("SUCCEEDED");
  });

  it("refunds through Refunds with the payment's own idempotency key; the later charge.refunded changes nothing", async () => {
    const { row } = await pay("pm_card_visa", { totalMinor: 2500 });

    const { data } = await stack.query(REFUND_PAYMENT, { p: row!.id, k: randomUUID() }, admin());

    expect(data.refundPayment).toEqual({ payment: { id: row!.id, status: "REFUNDED" }, userErrors: [] });
    const refund = stripe.refunds.find((r) => r.payment_intent === row!.providerRef)!;
    expect(refund).toMatchObject({ amount: 2500, status: "succeeded" });
    expect(stripe.requests.find((r) => r.path === "/v1/refunds" && r.form.payment_intent === row!.providerRef)).toMatchObject({ idempotencyKey: `refund:${row!.id}` });
    const events = await stack.events(row!.id);
    expect(events.map((e) => e.type)).toEqual(["PaymentSucceeded", "PaymentRefunded"]);
    expect(events[1].data).toMatchObject({ refundRef: refund.id });

    // Stripe's Charge carries no metadata of ours: the payment is found by its PaymentIntent.
    const charge = stripe.chargeOf(stripe.intents.get(row!.providerRef!)!)!;
    expect(await postWebhook(stripe.signedEvent("charge.refunded", charge))).toEqual({ status: 200, body: { received: true } });
    expect(await eventTypes(row!.id)).toEqual(["PaymentSucceeded", "PaymentRefunded"]);
  });

  it("applies charge.refunded for a refund made at Stripe, found by the PaymentIntent", async () => {
    const { row } = await pay("pm_card_visa");
    await adapter().refund({ providerRef: row!.providerRef!, amountMinor: 4999, idempotencyKey: randomUUID() });

    await postWebhook(stripe.signedEvent("charge.refunded", stripe.chargeOf(stripe.intents.get(row!.providerRef!)!)!));

    expect(await statusOf(row!.id)).toBe("REFUNDED");
    expect(await eventTypes(row!.id)).toEqual(["PaymentSucceeded", "PaymentRefunded"]);
  });
});

describe("stripe webhooks", () => {
  it("refuse a bad signature (another secret, a changed body, none at all) with 400, and nothing changes", async () => {
    const { row } = await pay("pm_card_threeDSecure2Required");
    const completed = stripe.completeAction(row!.providerRef!);
    const forged = stripe.signedEvent("payment_intent.succeeded", completed, { secret: "whsec_not_ours_0123456789" });
    const genuine = stripe.signedEvent("payment_intent.succeeded", completed);

    expect(await postWebhook(forged)).toEqual({ status: 400, body: { error: "invalid signature" } });
    expect((await postWebhook({ payload: genuine.payload.replace('"livemode":false', '"livemode":true'), header: genuine.header })).status).toBe(400);
    expect((await postWebhook({ payload: genuine.payload, header: null })).status).toBe(400);

    expect(await statusOf(row!.id)).toBe("REQUIRES_ACTION");
    expect(await stack.events(row!.id)).toEqual([]);
    expect(await stack.payment.db.providerEvent.count({ where: { provider: "stripe", eventId: JSON.parse(forged.payload).id } })).toBe(0);
  });

  it("apply an event delivered several times (at once, then again) exactly once", async () => {
    const { row } = await pay("pm_card_threeDSecure2Required");
    const event = stripe.signedEvent("payment_intent.succeeded", stripe.completeAction(row!.providerRef!));

    // All three queue on the event id's key (held by the test's uncommitted row), so all are inside
    // processing at once; only the recorded event id lets one of them through.
    const eventId = JSON.parse(event.payload).id as string;
    const responses = await whileHolding(
      stack.payment.db,
      (tx) => tx.$executeRaw`INSERT INTO "payment"."provider_event" ("provider", "event_id", "processed_at") VALUES ('stripe', ${eventId}, now())`,
      3,
      () => Promise.all([1, 2, 3].map(() => postWebhook(event))),
      { rollback: true },
    );
    const later = await postWebhook(event);

    expect([...responses, later].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await statusOf(row!.id)).toBe("SUCCEEDED");
    expect(await eventTypes(row!.id)).toEqual(["PaymentSucceeded"]);
    expect(await stack.payment.db.providerEvent.count({ where: { provider: "stripe", eventId: JSON.parse(event.payload).id } })).toBe(1);
  });

  it("acknowledge other Stripe event types without changes, even Stripe's own charge.succeeded", async () => {
    const { row } = await pay("pm_card_threeDSecure2Required");
    const charge = { id: "ch_other", object: "charge", payment_intent: row!.providerRef, metadata: { payment_id: row!.id }, refunded: false };

    expect((await postWebhook(stripe.signedEvent("charge.succeeded", charge))).status).toBe(200);
    expect((await postWebhook(stripe.signedEvent("customer.created", { id: "cus_1", object: "customer" }))).status).toBe(200);

    expect(await statusOf(row!.id)).toBe("REQUIRES_ACTION");
  });

  it("are not accepted at the test provider's path when stripe is the provider", async () => {
    const event = stripe.signedEvent("customer.created", { id: "cus_1", object: "customer" });
    const response = await fetch(new URL("/webhooks/test", stack.payment.url), { method: "POST", body: event.payload, headers: { "stripe-signature": event.header } });
    expect(response.status).toBe(404);
  });
});
