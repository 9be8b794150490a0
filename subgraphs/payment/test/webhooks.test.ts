// The provider's webhooks: only signed, fresh deliveries are accepted; each event is applied once;
// a payment never moves backwards. The test provider is slowed down here (its own webhook would come
// an hour later), so the tests play the provider and send the webhooks themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhook } from "../src/webhooks/webhook-signature.js";
import { chargeEvent, customer, startPaymentStack, subjectOf, WEBHOOK_SECRET, type PaymentStack } from "./payment-stack.js";
import { whileHolding } from "../../../test/support/lock-waiter.js";

let stack: PaymentStack;

beforeAll(async () => {
  stack = await startPaymentStack({ env: { PAYMENT_TEST_PROVIDER_DELAY: "1h", PAYMENT_CONFIRM_WAIT: "100ms" } });
});
afterAll(async () => {
  await stack?.close();
});

/** A payment the provider accepted and has not confirmed yet. */
async function processingPayment() {
  const payer = customer();
  const order = await stack.createOrder(subjectOf(payer));
  const answer = await stack.payOrder(payer, order.id, "tok_visa");
  const payment = (await stack.payment.db.payment.findUnique({ where: { id: answer.payment.id } }))!;
  return { payer, order, answer, payment };
}

const statusOf = async (id: string) => (await stack.payment.db.payment.findUnique({ where: { id } }))!.status;
const processed = (eventId: string) => stack.payment.db.providerEvent.count({ where: { provider: "test", eventId } });

describe("a charge not confirmed in time", () => {
  it("is answered PROCESSING without userErrors, and the order shows it", async () => {
    const { payer, order, answer } = await processingPayment();

    expect(answer.userErrors).toEqual([]);
    expect(answer.payment.status).toBe("PROCESSING");
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payments { id status } paymentStatus } } }`;
    const { data } = await stack.query(query, { r: [{ __typename: "Order", id: order.id }] }, payer);
    expect(data._entities).toEqual([{ payments: [{ id: answer.payment.id, status: "PROCESSING" }], paymentStatus: "PROCESSING" }]);
  });

  it("is settled by the provider's webhook, and the same request then answers SUCCEEDED", async () => {
    const { payer, order, payment } = await processingPayment();
    expect(payment.providerRef).toMatch(/^ch_/);

    expect(await stack.postWebhook(chargeEvent("charge.succeeded", payment))).toEqual({ status: 200, body: { received: true } });

    expect(await statusOf(payment.id)).toBe("SUCCEEDED");
    expect((await stack.events(payment.id)).map((e) => e.type)).toEqual(["PaymentSucceeded"]);
    // Another attempt on the order is now refused.
    expect((await stack.payOrder(payer, order.id, "tok_visa")).userErrors.map((e) => e.code)).toEqual(["ORDER_NOT_PAYABLE"]);
  });
});

describe("webhook verification", () => {
  it("refuses a forged signature with 400 and changes nothing", async () => {
    const { payment } = await processingPayment();
    const event = chargeEvent("charge.succeeded", payment);

    const response = await stack.postWebhook(event, { secret: "not-the-webhook-secret" });

    expect(response).toEqual({ status: 400, body: { error: "signature mismatch" } });
    expect(await statusOf(payment.id)).toBe("PROCESSING");
    expect(await stack.events(payment.id)).toEqual([]);
    expect(await processed(event.id)).toBe(0);
  });

  it("refuses a body changed after signing", async () => {
    const { payment } = await processingPayment();
    const signedFor = chargeEvent("charge.failed", payment, "CARD_DECLINED");
    const header = signWebhook(JSON.stringify(signedFor), WEBHOOK_SECRET);

    const response = await stack.postWebhook({ ...signedFor, type: "charge.succeeded" }, { header });

    expect(response.status).toBe(400);
    expect(await statusOf(payment.id)).toBe("PROCESSING");
  });

  it("refuses a delivery signed 6 minutes ago, or 6 minutes ahead", async () => {
    const { payment } = await processingPayment();
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 360, now + 360]) {
      const event = chargeEvent("charge.succeeded", payment);
      expect(await stack.postWebhook(event, { timestamp })).toEqual({ status: 400, body: { error: "timestamp outside tolerance" } });
      expect(await processed(event.id)).toBe(0);
    }
    expect(await statusOf(payment.id)).toBe("PROCESSING");
  });

  it("refuses a missing or malformed signature header and a malformed event", async () => {
    const { payment } = await processingPayment();
    expect((await stack.postWebhook(chargeEvent("charge.succeeded", payment), { header: null })).status).toBe(400);
    expect((await stack.postWebhook(chargeEvent("charge.succeeded", payment), { header: "t=1,v1=nope" })).status).toBe(400);
    expect(await stack.postWebhook({ id: "evt_x", type: "charge.succeeded" })).toEqual({ status: 400, body: { error: "malformed event" } });
    expect(await statusOf(payment.id)).toBe("PROCESSING");
  });

  it("knows only the test provider", async () => {
    const { payment } = await processingPayment();
    expect((await stack.postWebhook(chargeEvent("charge.succeeded", payment), { path: "/webhooks/stripe" })).status).toBe(404);
    expect(await statusOf(payment.id)).toBe("PROCESSING");
  });
});

describe("webhook processing", () => {
  it("applies an event delivered 3 times (at once, then again) exactly once", async () => {
    const { payment } = await processingPayment();
    const event = chargeEvent("charge.succeeded", payment);

    // All three queue on the event id's key (the test holds it with an uncommitted row), so all are
    // inside processing at once; only the recorded event id lets one of them through.
    const responses = await whileHolding(
      stack.payment.db,
      (tx) => tx.$executeRaw`INSERT INTO "payment"."provider_event" ("provider", "event_id", "processed_at") VALUES ('test', ${event.id}, now())`,
      3,
      () => Promise.all([1, 2, 3].map(() => stack.postWebhook(event))),
      { rollback: true },
    );
    const later = await stack.postWebhook(event);

    expect([...responses, later].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await statusOf(payment.id)).toBe("SUCCEEDED");
    expect((await stack.events(payment.id)).map((e) => e.type)).toEqual(["PaymentSucceeded"]);
    expect(await processed(event.id)).toBe(1);
  });

  it("recognises a delivery by its event id alone: a second body under a processed id changes nothing", async () => {
    const first = await processingPayment();
    const second = await processingPayment();
    const event = chargeEvent("charge.succeeded", first.payment);

    await stack.postWebhook(event);
    const replayed = await stack.postWebhook({ ...chargeEvent("charge.succeeded", second.payment), id: event.id });

    expect(replayed.status).toBe(200);
    expect(await statusOf(first.payment.id)).toBe("SUCCEEDED");
    expect(await statusOf(second.payment.id)).toBe("PROCESSING");
  });

  it("never moves a payment backwards: a late charge.failed after charge.succeeded changes nothing", async () => {
    const { payment } = await processingPayment();

    await stack.postWebhook(chargeEvent("charge.succeeded", payment));
    const late = await stack.postWebhook(chargeEvent("charge.failed", payment, "CARD_DECLINED"));

    expect(late.status).toBe(200);
    const row = (await stack.payment.db.payment.findUnique({ where: { id: payment.id } }))!;
    expect(row).toMatchObject({ status: "SUCCEEDED", failureCode: null });
    expect((await stack.events(payment.id)).map((e) => e.type)).toEqual(["PaymentSucceeded"]);
  });

  it("records a failure with its code and PaymentFailed", async () => {
    const { payment, order } = await processingPayment();

    await stack.postWebhook(chargeEvent("charge.failed", payment, "INSUFFICIENT_FUNDS"));

    expect(await stack.payment.db.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: "FAILED", failureCode: "INSUFFICIENT_FUNDS" });
    const [event] = await stack.events(payment.id);
    expect(event).toMatchObject({ type: "PaymentFailed", data: { paymentId: payment.id, orderId: order.id, amountMinor: 4999, currencyCode: "USD", provider: "test", failureCode: "INSUFFICIENT_FUNDS" } });
  });

  it("ignores an event about another charge than the payment's", async () => {
    const { payment } = await processingPayment();
    const response = await stack.postWebhook(chargeEvent("charge.succeeded", { id: payment.id, providerRef: "ch_someoneElses" }));
    expect(response.status).toBe(200);
    expect(await statusOf(payment.id)).toBe("PROCESSING");
  });

  it("acknowledges event types it does not know, and events about unknown payments, without changes", async () => {
    const { payment } = await processingPayment();
    expect((await stack.postWebhook(chargeEvent("charge.dispute.created", payment))).status).toBe(200);
    expect((await stack.postWebhook(chargeEvent("charge.succeeded", { id: "no-such-payment", providerRef: "ch_x" }))).status).toBe(200);
    expect(await statusOf(payment.id)).toBe("PROCESSING");
  });
});
