// The order's state machine. Every transition names the event it publishes on order-events.
//   PENDING_PAYMENT --pay--> PAID --fulfill--> FULFILLED
//   PENDING_PAYMENT --cancel | expire--> CANCELLED
import { DomainError } from "@trolley/errors";
import { OrderStatus } from "../order/order.type.js";

export type OrderAction = "pay" | "cancel" | "expire" | "fulfill";

const transitions: Record<OrderAction, { from: OrderStatus; to: OrderStatus; event: string }> = {
  pay: { from: OrderStatus.PENDING_PAYMENT, to: OrderStatus.PAID, event: "OrderPaid" },
  cancel: { from: OrderStatus.PENDING_PAYMENT, to: OrderStatus.CANCELLED, event: "OrderCancelled" },
  expire: { from: OrderStatus.PENDING_PAYMENT, to: OrderStatus.CANCELLED, event: "OrderCancelled" },
  fulfill: { from: OrderStatus.PAID, to: OrderStatus.FULFILLED, event: "OrderFulfilled" },
};

export const transitionOf = (action: OrderAction) => transitions[action];

/** Throws the action's stable refusal code when the order is not in the state it starts from. */
export function checkTransition(status: OrderStatus, action: OrderAction): void {
  if (status === transitions[action].from) return;
  if (action === "cancel") throw new DomainError("ORDER_NOT_CANCELLABLE", `The order is ${status}; only an unpaid order can be cancelled.`, ["id"]);
  if (action === "fulfill") throw new DomainError("ORDER_NOT_FULFILLABLE", `The order is ${status}; only a paid order can be fulfilled.`, ["id"]);
  throw new DomainError("ORDER_NOT_PAYABLE", `The order is ${status}.`, ["id"]);
}
