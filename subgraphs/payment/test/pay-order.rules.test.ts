import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import type { OrderToPay } from "../src/clients/order.client.js";
import { checkOrderPayable, paymentFailure, payOrderRequestHash, refundRequestHash } from "../src/payment/pay-order.rules.js";

const order = (overrides: Partial<OrderToPay> = {}): OrderToPay => ({
  id: "o-1",
  status: "PENDING_PAYMENT",
  ownerId: "u1",
  totalMinor: 4999,
  currencyCode: "USD",
  ...overrides,
});

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
  return null;
};

describe("which order may be paid", () => {
  it("is the caller's own order awaiting payment", () => {
    expect(checkOrderPayable(order(), "u1")).toEqual(order());
  });

  it("answers someone else's order like one that does not exist", () => {
    expect(codeOf(() => checkOrderPayable(null, "u1"))).toBe("ORDER_NOT_FOUND");
    expect(codeOf(() => checkOrderPayable(order({ ownerId: "u2" }), "u1"))).toBe("ORDER_NOT_FOUND");
  });

  it("refuses an order that is not awaiting payment", () => {
    for (const status of ["PAID", "FULFILLED", "CANCELLED"]) expect(codeOf(() => checkOrderPayable(order({ status }), "u1"))).toBe("ORDER_NOT_PAYABLE");
  });
});

describe("a failed payment's user error", () => {
  it("carries the provider's failure code when the API names it", () => {
    expect(paymentFailure("CARD_DECLINED")).toMatchObject({ code: "CARD_DECLINED", field: ["paymentMethodToken"] });
    expect(paymentFailure("INSUFFICIENT_FUNDS").code).toBe("INSUFFICIENT_FUNDS");
    expect(paymentFailure("INVALID_PAYMENT_METHOD").code).toBe("INVALID_PAYMENT_METHOD");
  });

  it("is PAYMENT_FAILED for a failure code the API does not name", () => {
    expect(paymentFailure("EXPIRED_CARD").code).toBe("PAYMENT_FAILED");
    expect(paymentFailure("OUT_OF_STOCK").code).toBe("PAYMENT_FAILED");
    expect(paymentFailure(null).code).toBe("PAYMENT_FAILED");
  });

  it("names the order as the cause when the order refused the payment's claim (nothing was charged)", () => {
    for (const code of ["ORDER_NOT_PAYABLE", "ORDER_NOT_FOUND", "ORDER_UNAVAILABLE"]) {
      expect(paymentFailure(code)).toMatchObject({ code, field: ["orderId"] });
    }
  });
});

describe("request hashes", () => {
  it("tell requests apart by every parameter and by operation, without the token in clear", () => {
    const hash = payOrderRequestHash("o-1", "tok_visa");
    expect(hash).toBe(payOrderRequestHash("o-1", "tok_visa"));
    expect(hash).not.toBe(payOrderRequestHash("o-2", "tok_visa"));
    expect(hash).not.toBe(payOrderRequestHash("o-1", "tok_chargeDeclined"));
    // Concatenation would make these two equal.
    expect(payOrderRequestHash("o-1t", "ok_visa")).not.toBe(hash);
    expect(refundRequestHash("o-1")).not.toBe(payOrderRequestHash("o-1", ""));
    expect(hash).not.toContain("tok_visa");
  });
});
