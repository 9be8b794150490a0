// payOrder against real Postgres, the order subgraph over HTTP and the test provider's webhooks.
import { randomUUID } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { PAYMENT_EVENTS_STREAM } from "../src/app.js";
import { customer, PAY_ORDER, startPaymentStack, subjectOf, type PaymentStack } from "./payment-stack.js";
import { whileHolding } from "../../../test/support/lock-waiter.js";
import { connectPaymentDb } from "../src/db.js";

let stack: PaymentStack;
const holder = connectPaymentDb(process.env.DATABASE_URL!);

beforeAll(async () => {
  stack = await startPaymentStack();
});
afterAll(async () => {
  await stack?.close();
  await holder.$disconnect();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Runs `race` while the test holds the order's "one active payment" key: an uncommitted PROCESSING
 * payment of its own, rolled back once `waiting` of the racers are queued on that unique index.
 */
function whileOrderHeld<T>(orderId: string, ownerId: string, waiting: number, race: () => Promise<T>): Promise<T> {
  // A client of its own: the payment subgraph's pool stays whole for the racers.
  return whileHolding(
    holder,
    (tx) => tx.$executeRaw`
      INSERT INTO "payment"."payment" ("id", "order_id", "user_id", "status", "amount_minor", "currency_code", "provider", "created_at", "updated_at")
      VALUES (${randomUUID()}, ${orderId}, ${ownerId}, 'PROCESSING', 1, 'USD', 'test', now(), now())`,
    waiting,
    race,
    { rollback: true },
  );
}

describe("payOrder", () => {
  it("charges the order's own total with tok_visa: SUCCEEDED, and PaymentSucceeded in the outbox", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer), { totalMinor: 12_345 });

    const { payment, userErrors } = await stack.payOrder(payer, order.id, "tok_visa");

    expect(userErrors).toEqual([]);
    expect(payment).toMatchObject({ status: "SUCCEEDED", amount: { amount: "123.45", currencyCode: "USD" }, provider: "test", failureCode: null });
    const [row] = await stack.paymentsOfOrder(order.id);
    expect(row).toMatchObject({ id: payment.id, amountMinor: 12_345n, userId: subjectOf(payer), status: "SUCCEEDED" });
    expect(row.providerRef).toMatch(/^ch_/);
    const events = await stack.events(payment.id);
    expect(events).toEqual([
      expect.objectContaining({
        type: "PaymentSucceeded",
        aggregateId: payment.id,
        userId: subjectOf(payer),
        data: { paymentId: payment.id, orderId: order.id, amountMinor: 12_345, currencyCode: "USD", provider: "test" },
      }),
    ]);
  });

  it("publishes the payment's events to the payment-events stream", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const { payment } = await stack.payOrder(payer, order.id, "tok_visa");
    const [event] = await stack.events(payment.id);

    await stack.payment.relay.drain();

    const redis = new Redis(process.env.REDIS_URL!);
    try {
      const published = (await redis.xrange(PAYMENT_EVENTS_STREAM, "-", "+")).map(([, fields]) => JSON.parse(fields[fields.indexOf("event") + 1]));
      expect(published.filter((e) => e.aggregateId === payment.id)).toEqual([{ id: event.id, type: "PaymentSucceeded", occurredAt: event.occurredAt, aggregateId: payment.id, userId: subjectOf(payer), data: event.data }]);
    } finally {
      redis.disconnect();
    }
  });

  for (const [token, code] of [
    ["tok_chargeDeclined", "CARD_DECLINED"],
    ["tok_insufficientFunds", "INSUFFICIENT_FUNDS"],
  ] as const) {
    it(`fails with ${code} for ${token}; the order stays payable with another card and key`, async () => {
      const payer = customer();
      const order = await stack.createOrder(subjectOf(payer));

      const failed = await stack.payOrder(payer, order.id, token);

      expect(failed.payment).toMatchObject({ status: "FAILED", failureCode: code });
      expect(failed.userErrors).toEqual([expect.objectContaining({ code, field: ["paymentMethodToken"] })]);
      expect((await stack.events(failed.payment.id)).map((e) => [e.type, e.data.failureCode])).toEqual([["PaymentFailed", code]]);

      const retried = await stack.payOrder(payer, order.id, "tok_visa");
      expect(retried.userErrors).toEqual([]);
      expect(retried.payment.status).toBe("SUCCEEDED");
      expect(retried.payment.id).not.toBe(failed.payment.id);
    });
  }

  it("refuses a token the provider does not know with INVALID_PAYMENT_METHOD, at once", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));

    const { payment, userErrors } = await stack.payOrder(payer, order.id, "tok_madeUp");

    expect(userErrors).toEqual([expect.objectContaining({ code: "INVALID_PAYMENT_METHOD", field: ["paymentMethodToken"] })]);
    expect(payment).toMatchObject({ status: "FAILED", failureCode: "INVALID_PAYMENT_METHOD" });
    expect((await stack.payOrder(payer, order.id, "tok_visa")).payment.status).toBe("SUCCEEDED");
  });

  it("answers a repeated request (same key, same parameters) with the first payment and charges once", async () => {
    const charge = vi.spyOn(stack.payment.provider, "charge");
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const key = randomUUID();

    const first = await stack.payOrder(payer, order.id, "tok_visa", key);
    const again = await stack.payOrder(payer, order.id, "tok_visa", key);
    // Even sent at the same time (on a new order, all three inside createPayment at once).
    const fresh = await stack.createOrder(subjectOf(payer));
    const freshKey = randomUUID();
    const together = await whileOrderHeld(fresh.id, subjectOf(payer), 3, () => Promise.all([1, 2, 3].map(() => stack.payOrder(payer, fresh.id, "tok_visa", freshKey))));

    expect(again).toEqual(first);
    for (const answer of together) expect(answer).toEqual(together[0]);
    expect(together[0].payment.status).toBe("SUCCEEDED");
    expect(charge).toHaveBeenCalledTimes(2);
    expect(await stack.paymentsOfOrder(order.id)).toHaveLength(1);
    expect(await stack.paymentsOfOrder(fresh.id)).toHaveLength(1);
  });

  it("answers a repeated request for a failed payment with the same failure", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const key = randomUUID();
    const first = await stack.payOrder(payer, order.id, "tok_chargeDeclined", key);
    expect(await stack.payOrder(payer, order.id, "tok_chargeDeclined", key)).toEqual(first);
  });

  it("refuses a concurrent burst of the same key with other parameters, leaving one payment", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const key = randomUUID();
    const answers = await whileOrderHeld(order.id, subjectOf(payer), 2, () =>
      Promise.all([stack.payOrder(payer, order.id, "tok_visa", key), stack.payOrder(payer, order.id, "tok_chargeDeclined", key)]),
    );
    const codes = answers.map((a) => a.userErrors[0]?.code ?? a.payment.status).sort();
    expect(codes.includes("IDEMPOTENCY_KEY_REUSED")).toBe(true);
    expect(await stack.paymentsOfOrder(order.id)).toHaveLength(1);
  });

  it("refuses a key reused with another token or another order: IDEMPOTENCY_KEY_REUSED, nothing changes", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const other = await stack.createOrder(subjectOf(payer));
    const key = randomUUID();
    await stack.payOrder(payer, order.id, "tok_chargeDeclined", key);

    for (const [orderId, token] of [
      [order.id, "tok_visa"],
      [other.id, "tok_chargeDeclined"],
    ]) {
      const { payment, userErrors } = await stack.payOrder(payer, orderId, token, key);
      expect(payment).toBeNull();
      expect(userErrors).toEqual([expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED", field: ["idempotencyKey"] })]);
    }
    expect(await stack.paymentsOfOrder(other.id)).toEqual([]);
    expect(await stack.paymentsOfOrder(order.id)).toHaveLength(1);
  });

  it("keeps idempotency keys per caller", async () => {
    const a = customer();
    const b = customer();
    const key = randomUUID();
    const orderA = await stack.createOrder(subjectOf(a));
    const orderB = await stack.createOrder(subjectOf(b));
    expect((await stack.payOrder(a, orderA.id, "tok_visa", key)).payment.status).toBe("SUCCEEDED");
    expect((await stack.payOrder(b, orderB.id, "tok_visa", key)).payment.status).toBe("SUCCEEDED");
  });

  it("answers someone else's order, or an unknown one, with ORDER_NOT_FOUND and charges nothing", async () => {
    const owner = customer();
    const order = await stack.createOrder(subjectOf(owner));

    for (const orderId of [order.id, randomUUID()]) {
      const { payment, userErrors } = await stack.payOrder(customer(), orderId, "tok_visa");
      expect(payment).toBeNull();
      expect(userErrors).toEqual([expect.objectContaining({ code: "ORDER_NOT_FOUND", field: ["orderId"] })]);
    }
    expect(await stack.paymentsOfOrder(order.id)).toEqual([]);
  });

  it("refuses an order that is not awaiting payment, or already paid here, with ORDER_NOT_PAYABLE", async () => {
    const payer = customer();
    const paid = await stack.createOrder(subjectOf(payer), { status: "PAID" });
    expect((await stack.payOrder(payer, paid.id, "tok_visa")).userErrors.map((e) => e.code)).toEqual(["ORDER_NOT_PAYABLE"]);
    expect(await stack.paymentsOfOrder(paid.id)).toEqual([]);

    // The order subgraph learns of the payment from its event later; until then payment's own rule holds.
    const order = await stack.createOrder(subjectOf(payer));
    expect((await stack.payOrder(payer, order.id, "tok_visa")).payment.status).toBe("SUCCEEDED");
    const second = await stack.payOrder(payer, order.id, "tok_visa");
    expect(second.payment).toBeNull();
    expect(second.userErrors.map((e) => e.code)).toEqual(["ORDER_NOT_PAYABLE"]);
  });

  it("lets exactly one of 10 concurrent attempts with different keys pay an order", async () => {
    const charge = vi.spyOn(stack.payment.provider, "charge");
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));

    // They queue on the order's "one active payment" key: at least eight are inside createPayment at
    // once (the pool of ten also serves their other queries).
    const answers = await whileOrderHeld(order.id, subjectOf(payer), 8, () => Promise.all(Array.from({ length: 10 }, () => stack.payOrder(payer, order.id, "tok_visa"))));

    const succeeded = answers.filter((a) => a.payment?.status === "SUCCEEDED");
    const refused = answers.filter((a) => a.userErrors.map((e) => e.code).join() === "ORDER_NOT_PAYABLE");
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(9);
    expect(refused.every((a) => a.payment === null)).toBe(true);
    expect(charge).toHaveBeenCalledTimes(1);
    expect((await stack.paymentsOfOrder(order.id)).map((p) => p.status)).toEqual(["SUCCEEDED"]);
  });

  it("lets a guest pay its own order", async () => {
    const guest = { kind: "guest" as const, subject: `guest:${randomUUID()}`, roles: ["guest" as const] };
    const order = await stack.createOrder(guest.subject);
    expect((await stack.payOrder(guest, order.id, "tok_visa")).payment.status).toBe("SUCCEEDED");
  });

  it("needs a caller: anonymous requests are UNAUTHENTICATED", async () => {
    const response = await stack.query(PAY_ORDER, { o: randomUUID(), t: "tok_visa", k: randomUUID() });
    expect(response.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("shows the caller's payments on its order, oldest first, with the latest status", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    await stack.payOrder(payer, order.id, "tok_insufficientFunds");
    await stack.payOrder(payer, order.id, "tok_visa");
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payments { status failureCode } paymentStatus } } }`;
    const { data } = await stack.query(query, { r: [{ __typename: "Order", id: order.id }] }, payer);
    expect(data._entities).toEqual([
      { payments: [{ status: "FAILED", failureCode: "INSUFFICIENT_FUNDS" }, { status: "SUCCEEDED", failureCode: null }], paymentStatus: "SUCCEEDED" },
    ]);
  });
});

describe("payOrder while the order subgraph is down", () => {
  it("refuses with ORDER_UNAVAILABLE and changes nothing", async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as AddressInfo).port)));
    await new Promise((resolve) => probe.close(resolve));
    const cutOff = await startPaymentStack({ env: { ORDER_URL: `http://127.0.0.1:${port}/graphql`, ORDER_TIMEOUT_MS: "500" } });
    try {
      const payer = customer();
      const order = await cutOff.createOrder(subjectOf(payer));

      const { payment, userErrors } = await cutOff.payOrder(payer, order.id, "tok_visa");

      expect(payment).toBeNull();
      expect(userErrors.map((e) => e.code)).toEqual(["ORDER_UNAVAILABLE"]);
      expect(await cutOff.paymentsOfOrder(order.id)).toEqual([]);
    } finally {
      await cutOff.close();
    }
  });
});
