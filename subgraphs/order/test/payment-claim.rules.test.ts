// What cancel and expiry do with a claimed order, for each answer of the payment context.
import { describe, expect, it } from "vitest";
import { cancelRefusal, decideOnClaim } from "../src/lifecycle/payment-claim.rules.js";

describe("an order's payment claim, when cancelling or expiring", () => {
  it("cancels an unclaimed order without asking payment", () => {
    expect(decideOnClaim(null, undefined)).toEqual({ kind: "cancel" });
  });

  it("marks the order paid when a payment succeeded, whichever payment holds the claim", () => {
    expect(decideOnClaim("pay-1", { state: "SUCCEEDED", paymentId: "pay-1" })).toEqual({ kind: "mark-paid", paymentId: "pay-1" });
    expect(decideOnClaim("pay-1", { state: "SUCCEEDED", paymentId: "pay-2" })).toEqual({ kind: "mark-paid", paymentId: "pay-2" });
  });

  it("waits while a payment is in flight", () => {
    expect(decideOnClaim("pay-1", { state: "IN_FLIGHT" })).toEqual({ kind: "wait", reason: "IN_FLIGHT" });
  });

  it("cancels when no payment kept money (the claim's payment failed, or was refunded)", () => {
    expect(decideOnClaim("pay-1", { state: "NONE" })).toEqual({ kind: "cancel" });
  });

  it("waits when payment cannot be asked, or did not answer for this order: a possibly paid order is never cancelled", () => {
    expect(decideOnClaim("pay-1", "UNREACHABLE")).toEqual({ kind: "wait", reason: "UNREACHABLE" });
    expect(decideOnClaim("pay-1", undefined)).toEqual({ kind: "wait", reason: "UNREACHABLE" });
  });

  it("tells the owner why the cancel was refused", () => {
    expect(cancelRefusal({ kind: "mark-paid", paymentId: "p" }).errors[0]).toMatchObject({ code: "ORDER_NOT_CANCELLABLE", message: expect.stringMatching(/paid/) });
    expect(cancelRefusal({ kind: "wait", reason: "IN_FLIGHT" }).errors[0]).toMatchObject({ code: "ORDER_NOT_CANCELLABLE", message: expect.stringMatching(/payment .* in progress/) });
    expect(cancelRefusal({ kind: "wait", reason: "UNREACHABLE" }).errors[0]).toMatchObject({ code: "PAYMENT_UNAVAILABLE", field: ["id"] });
  });
});
