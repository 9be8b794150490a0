// refundPayment: admins only, succeeded payments only, once per key, never twice for one payment.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Identity } from "@trolley/identity";
import { admin, customer, REFUND_PAYMENT, startPaymentStack, subjectOf, type PaymentStack } from "./payment-stack.js";
import { whileHolding } from "../../../test/support/lock-waiter.js";

let stack: PaymentStack;

beforeAll(async () => {
  stack = await startPaymentStack();
});
afterAll(async () => {
  await stack?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

async function paidPayment(token = "tok_visa") {
  const payer = customer();
  const order = await stack.createOrder(subjectOf(payer), { totalMinor: 2500 });
  const { payment } = await stack.payOrder(payer, order.id, token);
  return { payer, order, payment };
}

async function refund(identity: Identity | undefined, paymentId: string, key = randomUUID()) {
  return stack.query(REFUND_PAYMENT, { p: paymentId, k: key }, identity);
}

const providerEvents = () => stack.payment.db.providerEvent.count({ where: { provider: "test" } });

describe("refundPayment", () => {
  it("refunds a succeeded payment for an admin: REFUNDED and PaymentRefunded, and the provider's later charge.refunded changes nothing", async () => {
    const { payer, order, payment } = await paidPayment();
    const eventsBefore = await providerEvents();

    const { data, errors } = await refund(admin(), payment.id);

    expect(errors).toBeUndefined();
    expect(data.refundPayment).toEqual({ payment: { id: payment.id, status: "REFUNDED" }, userErrors: [] });
    const events = await stack.events(payment.id);
    expect(events.map((e) => e.type)).toEqual(["PaymentSucceeded", "PaymentRefunded"]);
    expect(events[1]).toMatchObject({
      userId: subjectOf(payer),
      data: { paymentId: payment.id, orderId: order.id, amountMinor: 2500, currencyCode: "USD", provider: "test", refundRef: expect.stringMatching(/^re_/) },
    });

    // The test provider reports the refund by webhook too; it is processed and is a no-op.
    await vi.waitFor(async () => expect(await providerEvents()).toBe(eventsBefore + 1), { timeout: 5000 });
    expect((await stack.events(payment.id)).map((e) => e.type)).toEqual(["PaymentSucceeded", "PaymentRefunded"]);
  });

  it("answers a repeated request with the refunded payment, and refuses the key with another payment", async () => {
    const refundSpy = vi.spyOn(stack.payment.provider, "refund");
    const { payment } = await paidPayment();
    const { payment: other } = await paidPayment();
    const operator = admin();
    const key = randomUUID();

    const first = await refund(operator, payment.id, key);
    const again = await refund(operator, payment.id, key);
    const reused = await refund(operator, other.id, key);

    expect(again.data).toEqual(first.data);
    expect(refundSpy).toHaveBeenCalledTimes(1);
    expect(reused.data.refundPayment.userErrors).toEqual([expect.objectContaining({ code: "IDEMPOTENCY_KEY_REUSED" })]);
    expect(reused.data.refundPayment.payment).toEqual({ id: other.id, status: "SUCCEEDED" });
  });

  it("refunds a payment once under concurrent requests with different keys", async () => {
    const refundSpy = vi.spyOn(stack.payment.provider, "refund");
    const { payment } = await paidPayment();

    // All three queue on the payment's row lock, so all are inside the refund at once.
    const answers = await whileHolding(stack.payment.db, (tx) => tx.$queryRaw`SELECT 1 FROM "payment"."payment" WHERE "id" = ${payment.id} FOR UPDATE`, 3, () =>
      Promise.all([admin(), admin(), admin()].map((operator) => refund(operator, payment.id))),
    );

    const codes = answers.map((a) => a.data.refundPayment.userErrors[0]?.code ?? "REFUNDED").sort();
    expect(codes).toEqual(["PAYMENT_NOT_REFUNDABLE", "PAYMENT_NOT_REFUNDABLE", "REFUNDED"]);
    expect(refundSpy).toHaveBeenCalledTimes(1);
    expect((await stack.events(payment.id)).filter((e) => e.type === "PaymentRefunded")).toHaveLength(1);
  });

  it("refuses a payment that did not succeed with PAYMENT_NOT_REFUNDABLE, answering it unchanged", async () => {
    const { payment } = await paidPayment("tok_chargeDeclined");

    const { data } = await refund(admin(), payment.id);

    expect(data.refundPayment).toEqual({
      payment: { id: payment.id, status: "FAILED" },
      userErrors: [expect.objectContaining({ code: "PAYMENT_NOT_REFUNDABLE", field: ["paymentId"] })],
    });
  });

  it("refuses an unknown payment with PAYMENT_NOT_FOUND", async () => {
    const { data } = await refund(admin(), randomUUID());
    expect(data.refundPayment).toEqual({ payment: null, userErrors: [expect.objectContaining({ code: "PAYMENT_NOT_FOUND" })] });
  });

  it("is FORBIDDEN to customers (even the payer) and to anonymous callers; nothing changes", async () => {
    const { payer, payment } = await paidPayment();

    for (const identity of [payer, customer(), undefined]) {
      const { data, errors } = await refund(identity, payment.id);
      expect(data).toBeNull();
      expect(errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    }
    expect(await stack.payment.db.payment.findUnique({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED" });
    expect((await stack.events(payment.id)).map((e) => e.type)).toEqual(["PaymentSucceeded"]);
  });
});
