import { describe, expect, it } from "vitest";
import { canMove } from "../src/payment/payment-transitions.rules.js";
import { PaymentStatus } from "../src/payment/payment.type.js";
import type { WebhookEvent } from "../src/webhooks/webhook-event.js";
import { paymentChangeOf } from "../src/webhooks/webhook-change.rules.js";

const { PROCESSING, REQUIRES_ACTION, SUCCEEDED, FAILED, REFUNDED } = PaymentStatus;

describe("a payment's moves", () => {
  it("go forward only: PROCESSING -> REQUIRES_ACTION | SUCCEEDED | FAILED, REQUIRES_ACTION -> SUCCEEDED | FAILED, SUCCEEDED -> REFUNDED", () => {
    const allowed = Object.values(PaymentStatus).flatMap((from) => Object.values(PaymentStatus).filter((to) => canMove(from, to)).map((to) => `${from}->${to}`));
    expect(allowed.sort()).toEqual([
      `${PROCESSING}->${FAILED}`,
      `${PROCESSING}->${REQUIRES_ACTION}`,
      `${PROCESSING}->${SUCCEEDED}`,
      `${REQUIRES_ACTION}->${FAILED}`,
      `${REQUIRES_ACTION}->${SUCCEEDED}`,
      `${SUCCEEDED}->${REFUNDED}`,
    ]);
  });

  it("never send a payment back to waiting for the customer", () => {
    for (const from of [REQUIRES_ACTION, SUCCEEDED, FAILED, REFUNDED]) expect(canMove(from, REQUIRES_ACTION)).toBe(false);
    expect(canMove(REQUIRES_ACTION, PROCESSING)).toBe(false);
  });

  it("never undo a settlement, e.g. a late failure after a success", () => {
    expect(canMove(SUCCEEDED, FAILED)).toBe(false);
    expect(canMove(FAILED, SUCCEEDED)).toBe(false);
    expect(canMove(REFUNDED, SUCCEEDED)).toBe(false);
    expect(canMove(SUCCEEDED, SUCCEEDED)).toBe(false);
  });
});

describe("what a provider event reports", () => {
  const event = (type: string, failureCode?: string): WebhookEvent => ({
    id: "evt_1",
    type,
    created: 0,
    data: { providerRef: "ch_1", paymentId: "p-1", ...(failureCode ? { failureCode } : {}) },
  });

  it("maps each charge event to a change", () => {
    expect(paymentChangeOf(event("charge.succeeded"))).toEqual({ to: SUCCEEDED });
    expect(paymentChangeOf(event("charge.failed", "INSUFFICIENT_FUNDS"))).toEqual({ to: FAILED, failureCode: "INSUFFICIENT_FUNDS" });
    expect(paymentChangeOf(event("charge.failed"))).toEqual({ to: FAILED, failureCode: "PAYMENT_FAILED" });
    expect(paymentChangeOf(event("charge.refunded"))).toEqual({ to: REFUNDED });
    expect(paymentChangeOf(event("charge.canceled"))).toEqual({ to: FAILED, failureCode: "PAYMENT_CANCELED" });
  });

  it("ignores event types it does not know", () => {
    expect(paymentChangeOf(event("charge.dispute.created"))).toBeNull();
  });
});
