// "Charged for a cancelled order": payOrder and cancelOrder racing on one order. Each ordering is
// forced with a barrier inside payOrder, and every one ends in a coherent state: paid and not
// cancelled, or cancelled and not charged, or (when an order is cancelled behind the protocol's
// back) cancelled and refunded exactly once.
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { userToken } from "@trolley/testing";
import { Outbox } from "@trolley/outbox";
import { createProducts } from "../support/catalog-products.js";
import { eventually } from "@trolley/testing";
import { gate } from "../support/gate.js";
import { readyToCheckOut } from "../support/delivery.js";
import { startStack, type Stack } from "../support/stack.js";
import { PaymentStatus } from "../../subgraphs/payment/src/payment/payment.type.js";

const PAY = `mutation($o: ID!, $t: String!, $k: String!) {
  payOrder(orderId: $o, paymentMethodToken: $t, idempotencyKey: $k) { payment { id status failureCode } userErrors { code field message } } }`;
const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { order { id status } userErrors { code message } } }`;
const STATUS = `query($id: ID!) { order(id: $id) { status payments { status } } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());
afterEach(() => {
  vi.restoreAllMocks();
});

/** A shopper with a placed order of 2 units of a fresh product (stock 5). */
async function placedOrder() {
  const [productId] = await createProducts(stack.catalog.db, 1, { stock: 5, priceMinor: 1500 });
  const token = await userToken();
  await stack.query(`mutation($p: ID!) { addToCart(productId: $p, quantity: 2) { userErrors { code } } }`, { p: productId }, token);
  await readyToCheckOut(stack, token);
  const { order } = (await stack.query(`mutation { checkout(idempotencyKey: "race") { order { id } userErrors { code } } }`, {}, token)).data.checkout;
  return { token, productId, orderId: order.id as string };
}

const pay = (orderId: string, token: string, paymentMethodToken = "tok_visa") =>
  stack.query(PAY, { o: orderId, t: paymentMethodToken, k: crypto.randomUUID() }, token).then((r) => r.data.payOrder);
const orderEvents = (orderId: string, type: string) => stack.order.db.outboxEvent.count({ where: { aggregateId: orderId, type } });
const stockOf = (productId: string) => stack.catalog.db.product.findUniqueOrThrow({ where: { id: productId } });

/** Holds the provider's charge (the real test provider's) until the gate opens. */
function holdCharge() {
  const provider = stack.payment.provider;
  const real = provider.charge.bind(provider);
  const held = gate();
  vi.spyOn(provider, "charge").mockImplementation(async (request) => {
    await held.pass();
    return real(request);
  });
  // Let go before the stack closes, even when the test failed before opening it.
  onTestFinished(() => held.open());
  return { held };
}

describe("payOrder racing cancelOrder", () => {
  it("refuses the cancel while the charge is under way; the order ends PAID and its stock sold", async () => {
    const { token, productId, orderId } = await placedOrder();
    const { held } = holdCharge();

    const paying = pay(orderId, token);
    await held.entered;
    const cancel = (await stack.query(CANCEL, { id: orderId }, token)).data.cancelOrder;
    held.open();
    const paid = await paying;

    expect(cancel.order).toBeNull();
    expect(cancel.userErrors).toEqual([{ code: "ORDER_NOT_CANCELLABLE", message: expect.stringMatching(/payment .* in progress/) }]);
    expect(paid).toMatchObject({ payment: { status: "SUCCEEDED" }, userErrors: [] });
    await eventually(async () => expect((await stack.query(STATUS, { id: orderId }, token)).data.order.status).toBe("PAID"));
    expect(await orderEvents(orderId, "OrderCancelled")).toBe(0);
    await eventually(async () => expect(await stockOf(productId)).toMatchObject({ stockOnHand: 3, stockReserved: 0 }));
  });

  it("cancels an order whose payment has not claimed it yet; that payment then fails ORDER_NOT_PAYABLE and nothing is charged", async () => {
    const { token, productId, orderId } = await placedOrder();
    const orders = stack.payment.orderClient;
    const realClaim = orders.claim.bind(orders);
    const held = gate();
    vi.spyOn(orders, "claim").mockImplementation(async (...args) => {
      await held.pass();
      return realClaim(...args);
    });
    const charge = vi.spyOn(stack.payment.provider, "charge");

    const paying = pay(orderId, token);
    await held.entered;
    const cancel = (await stack.query(CANCEL, { id: orderId }, token)).data.cancelOrder;
    held.open();
    const paid = await paying;

    expect(cancel).toEqual({ order: { id: orderId, status: "CANCELLED" }, userErrors: [] });
    expect(paid.payment).toMatchObject({ status: "FAILED", failureCode: "ORDER_NOT_PAYABLE" });
    expect(paid.userErrors).toEqual([expect.objectContaining({ code: "ORDER_NOT_PAYABLE", field: ["orderId"] })]);
    expect(charge).not.toHaveBeenCalled();
    expect((await stack.payment.db.payment.findMany({ where: { orderId } })).map((p) => [p.status, p.failureCode])).toEqual([["FAILED", "ORDER_NOT_PAYABLE"]]);
    await eventually(async () => expect(await stockOf(productId)).toMatchObject({ stockOnHand: 5, stockReserved: 0 }));
  });

  it("refunds, exactly once, a payment that succeeded for an order cancelled behind the protocol's back", async () => {
    const { token, orderId } = await placedOrder();
    const { held } = holdCharge();
    const refund = vi.spyOn(stack.payment.provider, "refund");

    const paying = pay(orderId, token);
    await held.entered;
    // Cancelled directly in the order's database (the order claimed by that payment, ignored):
    // what a manual fix or an older process would do. Its OrderCancelled reaches payment first.
    await stack.order.db.$transaction(async (tx) => {
      await tx.order.update({ where: { id: orderId }, data: { status: "CANCELLED", cancelReason: "CUSTOMER", paymentInFlight: null } });
      await new Outbox({ schema: "orders" }).append(tx, [
        { type: "OrderCancelled", aggregateId: orderId, userId: null, occurredAt: new Date(), data: { orderId, reservationId: null, reason: "CUSTOMER" } },
      ]);
    });
    stack.order.relay.notify();
    await eventually(async () => expect(await stack.payment.db.cancelledOrder.count({ where: { orderId } })).toBe(1));
    held.open();
    const paid = await paying;

    // The payment succeeded after the cancellation was recorded: its own success refunds it.
    expect(paid.payment.status).toBe("SUCCEEDED");
    await eventually(async () => expect((await stack.payment.db.payment.findUniqueOrThrow({ where: { id: paid.payment.id } })).status).toBe("REFUNDED"));
    // Every path again, once more each: the OrderCancelled consumer finds it REFUNDED, so does the sweep.
    expect(await stack.payment.cancelledOrderRefunds.sweep()).toBe(0);
    const row = await stack.payment.db.payment.findUniqueOrThrow({ where: { id: paid.payment.id } });
    await stack.payment.cancelledOrderRefunds.afterSucceeded({ ...row, amountMinor: Number(row.amountMinor), status: PaymentStatus.SUCCEEDED });
    expect(refund).toHaveBeenCalledTimes(1);
    const refunded = await stack.payment.db.outboxEvent.findMany({ where: { aggregateId: paid.payment.id, type: "PaymentRefunded" } });
    expect(refunded.map((e) => (e.data as { reason?: string }).reason)).toEqual(["ORDER_CANCELLED"]);
    expect((await stack.query(STATUS, { id: orderId }, token)).data.order.status).toBe("CANCELLED");
  });

  it("clears the claim when the payment fails, so the order can be cancelled at once", async () => {
    const { token, orderId } = await placedOrder();
    const declined = await pay(orderId, token, "tok_chargeDeclined");
    expect(declined.payment.status).toBe("FAILED");
    await eventually(async () => expect((await stack.order.db.order.findUniqueOrThrow({ where: { id: orderId } })).paymentInFlight).toBeNull());

    const cancel = (await stack.query(CANCEL, { id: orderId }, token)).data.cancelOrder;
    expect(cancel).toEqual({ order: { id: orderId, status: "CANCELLED" }, userErrors: [] });
  });

  it("cancels a claimed order whose payment failed even before the claim was cleared (the payment context says NONE)", async () => {
    const { token, orderId } = await placedOrder();
    // Stop the order from hearing about the payment: the claim stays as the failed payment left it.
    await stack.order.payments.stop();
    try {
      const declined = await pay(orderId, token, "tok_chargeDeclined");
      expect((await stack.order.db.order.findUniqueOrThrow({ where: { id: orderId } })).paymentInFlight).toBe(declined.payment.id);
      const cancel = (await stack.query(CANCEL, { id: orderId }, token)).data.cancelOrder;
      expect(cancel).toEqual({ order: { id: orderId, status: "CANCELLED" }, userErrors: [] });
    } finally {
      stack.order.payments.start();
    }
  });
});
