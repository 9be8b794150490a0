// A payment that succeeds for an order the order context cancelled is refunded by itself, exactly
// once, whichever of the three paths (OrderCancelled, the payment's own success, the sweep) gets
// there, and however they overlap.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { customer, startPaymentStack, subjectOf, type PaymentStack } from "./payment-stack.js";

let stack: PaymentStack;
let redis: Redis;

beforeAll(async () => {
  stack = await startPaymentStack();
  redis = new Redis(process.env.REDIS_URL!);
});
afterAll(async () => {
  redis?.disconnect();
  await stack?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A barrier: the code under test waits at pass() until the test calls open(). */
function gate() {
  let enter!: () => void;
  let open!: () => void;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { entered, open, pass: async () => (enter(), await opened) };
}

/** OrderCancelled on order-events, as the order context's relay publishes it, applied by payment. */
async function deliverOrderCancelled(orderId: string) {
  const event = { id: randomUUID(), type: "OrderCancelled", occurredAt: new Date().toISOString(), aggregateId: orderId, userId: null, data: { orderId, reservationId: null, reason: "CUSTOMER" } };
  await redis.xadd("order-events", "*", "id", event.id, "type", event.type, "event", JSON.stringify(event));
  return stack.payment.orderEvents.processAvailable();
}

const paymentRow = (id: string) => stack.payment.db.payment.findUniqueOrThrow({ where: { id } });
const refundedEvents = async (paymentId: string) => (await stack.events(paymentId)).filter((e) => e.type === "PaymentRefunded");

/** A backend of this test's database waiting for a row lock: the moment a second refund is blocked. */
async function someoneWaitsForALock() {
  const [{ waiting }] = await stack.payment.db.$queryRaw<{ waiting: bigint }[]>`
    SELECT count(*) AS waiting FROM pg_stat_activity
    WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%"payment"."payment"%FOR UPDATE%'`;
  return Number(waiting) > 0;
}

describe("automatic refund of a cancelled order's payment", () => {
  it("refunds the succeeded payments of an order when OrderCancelled arrives, once however often it is delivered", async () => {
    const refund = vi.spyOn(stack.payment.provider, "refund");
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const { payment } = await stack.payOrder(payer, order.id, "tok_visa");
    expect(payment.status).toBe("SUCCEEDED");

    await deliverOrderCancelled(order.id);
    await deliverOrderCancelled(order.id);

    expect((await paymentRow(payment.id)).status).toBe("REFUNDED");
    expect(refund).toHaveBeenCalledTimes(1);
    expect(refund).toHaveBeenCalledWith(expect.objectContaining({ idempotencyKey: `refund:${payment.id}`, amountMinor: 4999 }));
    expect((await refundedEvents(payment.id)).map((e) => e.data)).toEqual([expect.objectContaining({ orderId: order.id, reason: "ORDER_CANCELLED" })]);
  });

  it("refunds once when the payment's own success and OrderCancelled both try: the second waits for the first and finds it REFUNDED", async () => {
    const refund = vi.spyOn(stack.payment.provider, "refund");
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    // Held after the payment's SUCCEEDED committed, before it checks whether its order was cancelled.
    const refunds = stack.payment.cancelledOrderRefunds;
    const realAfterSucceeded = refunds.afterSucceeded.bind(refunds);
    const held = gate();
    let afterSuccess: Promise<void> | undefined;
    vi.spyOn(refunds, "afterSucceeded").mockImplementation((settled) => {
      afterSuccess = held.pass().then(() => realAfterSucceeded(settled));
      return afterSuccess;
    });

    const { payment } = await stack.payOrder(payer, order.id, "tok_visa");
    await held.entered;
    // OrderCancelled now: it sees the payment SUCCEEDED and refunds it.
    await deliverOrderCancelled(order.id);
    expect((await paymentRow(payment.id)).status).toBe("REFUNDED");
    // The payment's own check finds the order cancelled, and the payment already refunded.
    held.open();
    await afterSuccess;

    expect(refund).toHaveBeenCalledTimes(1);
    expect(await refundedEvents(payment.id)).toHaveLength(1);
  });

  it("refunds once when the sweep runs while the payment's own refund holds the row: the sweep waits, then finds it REFUNDED", async () => {
    const provider = stack.payment.provider;
    const realRefund = provider.refund.bind(provider);
    const held = gate();
    const refund = vi.spyOn(provider, "refund").mockImplementation(async (request) => {
      await held.pass();
      return realRefund(request);
    });
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    // The cancellation is known before the payment succeeds (the order was changed behind the claim).
    await deliverOrderCancelled(order.id);

    const paying = stack.payOrder(payer, order.id, "tok_visa");
    await held.entered;
    const sweep = stack.payment.cancelledOrderRefunds.sweep();
    await vi.waitFor(async () => expect(await someoneWaitsForALock()).toBe(true), { timeout: 10_000 });
    held.open();

    const { payment } = await paying;
    expect(await sweep).toBe(0);
    await vi.waitFor(async () => expect((await paymentRow(payment.id)).status).toBe("REFUNDED"), { timeout: 10_000 });
    expect(refund).toHaveBeenCalledTimes(1);
    expect(await refundedEvents(payment.id)).toHaveLength(1);
  });

  it("leaves the payment SUCCEEDED when the provider fails during OrderCancelled: the event's transaction rolls back, and its retry refunds", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    const { payment } = await stack.payOrder(payer, order.id, "tok_visa");
    const provider = stack.payment.provider;
    const realRefund = provider.refund.bind(provider);
    const refund = vi.spyOn(provider, "refund").mockRejectedValueOnce(new Error("provider timeout"));

    await deliverOrderCancelled(order.id);
    expect((await paymentRow(payment.id)).status).toBe("SUCCEEDED");
    expect(await stack.payment.db.cancelledOrder.count({ where: { orderId: order.id } })).toBe(0);
    expect(await refundedEvents(payment.id)).toEqual([]);

    // OrderCancelled once more, as the consumer's retry of its pending entry brings it.
    refund.mockImplementation(realRefund);
    await deliverOrderCancelled(order.id);
    expect((await paymentRow(payment.id)).status).toBe("REFUNDED");
    expect(await refundedEvents(payment.id)).toHaveLength(1);
  });

  it("leaves the payment SUCCEEDED when the provider fails after the payment's own success, and the sweep refunds it", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    await deliverOrderCancelled(order.id);
    const refund = vi.spyOn(stack.payment.provider, "refund").mockRejectedValueOnce(new Error("provider timeout"));

    const { payment } = await stack.payOrder(payer, order.id, "tok_visa");
    await vi.waitFor(() => expect(refund).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect((await paymentRow(payment.id)).status).toBe("SUCCEEDED");

    refund.mockRestore();
    expect(await stack.payment.cancelledOrderRefunds.sweep()).toBeGreaterThanOrEqual(1);
    expect((await paymentRow(payment.id)).status).toBe("REFUNDED");
    expect(await stack.payment.cancelledOrderRefunds.sweep()).toBe(0);
    expect(await refundedEvents(payment.id)).toHaveLength(1);
  });
});
