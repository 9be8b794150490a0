import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import { cartContentHash, isRetryOf } from "../src/checkout/checkout.rules.js";
import { checkTransition } from "../src/lifecycle/order-transitions.rules.js";
import { OrderStatus } from "../src/order/order.type.js";

describe("checkout idempotency", () => {
  const cart = [{ productId: "a", quantity: 2 }, { productId: "b", quantity: 1 }];

  it("sees the same cart content in any line order", () => {
    expect(cartContentHash(cart)).toBe(cartContentHash([...cart].reverse()));
    expect(cartContentHash(cart)).not.toBe(cartContentHash([{ productId: "a", quantity: 3 }, { productId: "b", quantity: 1 }]));
  });

  it("treats a repeat with the same or an emptied cart as a retry, and other content as reuse", () => {
    const stored = cartContentHash(cart);
    expect(isRetryOf(stored, cart)).toBe(true);
    expect(isRetryOf(stored, [])).toBe(true);
    expect(isRetryOf(stored, [{ productId: "c", quantity: 1 }])).toBe(false);
  });
});

describe("order transitions", () => {
  const code = (status: OrderStatus, action: Parameters<typeof checkTransition>[1]) => {
    try {
      checkTransition(status, action);
      return "OK";
    } catch (error) {
      return (error as DomainError).code;
    }
  };

  it("allow only the documented moves, each refusal with its code", () => {
    expect(code(OrderStatus.PENDING_PAYMENT, "cancel")).toBe("OK");
    expect(code(OrderStatus.PENDING_PAYMENT, "pay")).toBe("OK");
    expect(code(OrderStatus.PAID, "fulfill")).toBe("OK");
    expect(code(OrderStatus.PAID, "cancel")).toBe("ORDER_NOT_CANCELLABLE");
    expect(code(OrderStatus.CANCELLED, "cancel")).toBe("ORDER_NOT_CANCELLABLE");
    expect(code(OrderStatus.PENDING_PAYMENT, "fulfill")).toBe("ORDER_NOT_FULFILLABLE");
    expect(code(OrderStatus.FULFILLED, "fulfill")).toBe("ORDER_NOT_FULFILLABLE");
    expect(code(OrderStatus.CANCELLED, "pay")).toBe("ORDER_NOT_PAYABLE");
  });
});
