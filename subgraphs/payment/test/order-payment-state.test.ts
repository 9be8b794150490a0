// The payment context's answer to "may this order be cancelled?", from the order's payments.
import { describe, expect, it } from "vitest";
import { orderPaymentState } from "../src/order-payments/order-payment-state.rules.js";

const payment = (id: string, status: string) => ({ id, status });

describe("an order's payment state", () => {
  it("is NONE without payments, or when every payment failed or was refunded", () => {
    expect(orderPaymentState("o", [])).toEqual({ orderId: "o", state: "NONE", paymentId: null });
    expect(orderPaymentState("o", [payment("a", "FAILED"), payment("b", "REFUNDED")]).state).toBe("NONE");
  });

  it("is SUCCEEDED, naming the payment, when one captured money", () => {
    expect(orderPaymentState("o", [payment("a", "FAILED"), payment("b", "SUCCEEDED")])).toEqual({ orderId: "o", state: "SUCCEEDED", paymentId: "b" });
  });

  it("is IN_FLIGHT for a payment not settled yet, including a status this code does not know", () => {
    expect(orderPaymentState("o", [payment("a", "FAILED"), payment("b", "PROCESSING")]).state).toBe("IN_FLIGHT");
    expect(orderPaymentState("o", [payment("a", "REQUIRES_ACTION")]).state).toBe("IN_FLIGHT");
  });
});
