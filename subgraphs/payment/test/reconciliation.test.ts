// Payments a webhook never settled: the reconciliation asks the provider (by the charge's reference,
// or by our payment id when the charge's answer was lost), cancels 3-D Secure the customer never
// completed, and its outcome flows through the normal events. Two processes running it at once ask
// about each payment once. The test provider's webhooks are an hour away here: only the
// reconciliation can settle these payments.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { PaymentReconciliation } from "../src/payment/payment-reconciliation.js";
import { PaymentSettlement } from "../src/payment/payment-settlement.js";
import { PaymentStore } from "../src/payment/payment.store.js";
import { ProviderRegistry } from "../src/providers/payment-provider.js";
import { Outbox } from "@trolley/outbox";
import { gate } from "../../../test/support/gate.js";
import { TestClock } from "../../../test/support/test-clock.js";
import { customer, startPaymentStack, subjectOf, type PaymentStack } from "./payment-stack.js";

const MINUTE = 60_000;
const clock = new TestClock();
let stack: PaymentStack;

beforeAll(async () => {
  stack = await startPaymentStack({ env: { PAYMENT_TEST_PROVIDER_DELAY: "1h", PAYMENT_CONFIRM_WAIT: "50ms" }, payment: { clock } });
});
afterAll(async () => {
  await stack?.close();
});
// Each test's payments are made now, so each measures the reconciliation's delays from now.
beforeEach(() => clock.set(new Date()));

async function pay(token: string) {
  const payer = customer();
  const order = await stack.createOrder(subjectOf(payer));
  const { payment } = await stack.payOrder(payer, order.id, token);
  return { order, payment };
}

const statusOf = async (paymentId: string) => (await stack.payment.db.payment.findUniqueOrThrow({ where: { id: paymentId } })).status;
const eventTypes = async (paymentId: string) => (await stack.events(paymentId)).map((event) => event.type);
const reconcile = () => stack.payment.reconciliation.runOnce();

describe("the payment reconciliation", () => {
  it("settles a charge whose webhook never came, with PaymentSucceeded, once it is old enough", async () => {
    const { payment } = await pay("tok_visa");
    expect(payment.status).toBe("PROCESSING");

    await reconcile();
    expect(await statusOf(payment.id)).toBe("PROCESSING");
    clock.advance(6 * MINUTE);
    await reconcile();
    expect(await statusOf(payment.id)).toBe("SUCCEEDED");
    expect(await eventTypes(payment.id)).toEqual(["PaymentSucceeded"]);
  });

  it("fails a declined charge whose webhook never came, with its code and PaymentFailed", async () => {
    const { payment } = await pay("tok_chargeDeclined");
    clock.advance(6 * MINUTE);
    await reconcile();
    expect(await stack.payment.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "FAILED", failureCode: "CARD_DECLINED" });
    expect(await eventTypes(payment.id)).toEqual(["PaymentFailed"]);
  });

  it("finds the charge by our payment id when its answer never reached us, and records its reference", async () => {
    const { payment } = await pay("tok_visa");
    const { providerRef } = await stack.payment.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    // As if the process died between the provider's answer and storing it.
    await stack.payment.db.payment.update({ where: { id: payment.id }, data: { providerRef: null } });
    clock.advance(6 * MINUTE);
    await reconcile();
    expect(await stack.payment.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "SUCCEEDED", providerRef });
  });

  it("fails a payment the provider never took a charge for: nothing was captured", async () => {
    const payer = customer();
    const order = await stack.createOrder(subjectOf(payer));
    // What a process leaves behind if it dies before asking the provider: a PROCESSING payment, no charge.
    const row = await stack.payment.db.payment.create({
      data: { orderId: order.id, userId: subjectOf(payer), status: "PROCESSING", amountMinor: 4999, currencyCode: "USD", provider: "test", updatedAt: clock.now() },
    });
    clock.advance(6 * MINUTE);
    await reconcile();
    expect(await stack.payment.db.payment.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "FAILED", failureCode: "PAYMENT_FAILED" });
    expect(await eventTypes(row.id)).toEqual(["PaymentFailed"]);
  });

  it("cancels 3-D Secure the customer never completed, after PAYMENT_ACTION_TIMEOUT, with PaymentFailed", async () => {
    const { payment } = await pay("tok_threeDSecureRequired");
    expect(payment.status).toBe("REQUIRES_ACTION");
    clock.advance(6 * MINUTE);
    await reconcile();
    expect(await statusOf(payment.id)).toBe("REQUIRES_ACTION");
    clock.advance(10 * MINUTE);
    await reconcile();
    expect(await stack.payment.db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "FAILED", failureCode: "PAYMENT_CANCELED" });
    expect(await eventTypes(payment.id)).toEqual(["PaymentFailed"]);
  });

  it("run by two processes at once asks about each payment once: one holds it, the other skips it", async () => {
    const { payment } = await pay("tok_visa");
    clock.advance(6 * MINUTE);
    const store = new PaymentStore(stack.payment.db);
    const settlement = new PaymentSettlement(store, new Outbox({ schema: "payment" }));
    const provider = stack.payment.provider;
    const { providerRef } = await stack.payment.db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    const held = gate();
    // The first process's provider call waits at the gate while it holds the payment's row lock.
    const heldProvider = Object.create(provider, {
      retrieve: {
        value: async (ref: string) => {
          if (ref === providerRef) await held.pass();
          return provider.retrieve(ref);
        },
      },
    });
    const settings = { processingAfterMs: 5 * MINUTE, actionTimeoutMs: 15 * MINUTE };
    const quiet = { warn() {} };
    const first = new PaymentReconciliation(store, new ProviderRegistry([heldProvider]), settlement, clock, settings, quiet);
    const second = new PaymentReconciliation(store, new ProviderRegistry([provider]), settlement, clock, settings, quiet);
    const retrieve = vi.spyOn(provider, "retrieve");

    const running = first.runOnce();
    await held.entered;
    await second.runOnce();
    // The second skipped the payment the first holds: it never asked the provider about it.
    const askedAbout = () => retrieve.mock.calls.filter(([ref]) => ref === providerRef).length;
    expect(askedAbout()).toBe(0);
    expect(await statusOf(payment.id)).toBe("PROCESSING");
    held.open();
    await running;
    expect(askedAbout()).toBe(1);
    expect(await statusOf(payment.id)).toBe("SUCCEEDED");
    expect(await eventTypes(payment.id)).toEqual(["PaymentSucceeded"]);
    retrieve.mockRestore();
  });
});
