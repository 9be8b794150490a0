// The order subgraph's one way to ask the payment context about orders: which have a succeeded
// payment, which have one in flight, which have none (orderPaymentStates, a service-only field),
// for many orders in one call, carrying the order's service identity, bounded by a timeout. Any
// failure to get a usable answer is PaymentUnavailable: cancel and expiry then leave the orders as
// they are, since an order that may be paid must never be cancelled.
import { callSubgraph, SubgraphUnavailable } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";
import type { OrderPaymentState } from "../lifecycle/payment-claim.rules.js";

export interface PaymentClient {
  /** The state of each order asked about, by order id. Throws PaymentUnavailable. */
  paymentStates(orderIds: readonly string[]): Promise<Map<string, OrderPaymentState>>;
}

export class PaymentUnavailable extends Error {
  constructor(reason: string) {
    super(`payment unavailable: ${reason}`);
    this.name = "PaymentUnavailable";
  }
}

const STATES = `query OrderPaymentStates($orderIds: [ID!]!) { orderPaymentStates(orderIds: $orderIds) { orderId state paymentId } }`;

type Row = { orderId: string; state: string; paymentId: string | null };

function stateOf(row: Row): OrderPaymentState | null {
  if (row.state === "SUCCEEDED") return typeof row.paymentId === "string" && row.paymentId !== "" ? { state: "SUCCEEDED", paymentId: row.paymentId } : null;
  if (row.state === "IN_FLIGHT" || row.state === "NONE") return { state: row.state };
  return null;
}

export function httpPaymentClient(settings: {
  /** Read at each call: in tests the payment subgraph starts after the order subgraph. */
  url: () => string;
  timeoutMs: number;
  internalSecret: string;
}): PaymentClient {
  const identity = serviceIdentity("order");
  return {
    async paymentStates(orderIds) {
      if (orderIds.length === 0) return new Map();
      let data: { orderPaymentStates?: unknown };
      try {
        data = await callSubgraph({ service: "payment", url: settings.url(), timeoutMs: settings.timeoutMs, internalSecret: settings.internalSecret }, identity, STATES, {
          orderIds: [...orderIds],
        });
      } catch (error) {
        if (error instanceof SubgraphUnavailable) throw new PaymentUnavailable(error.message);
        throw error;
      }
      if (!Array.isArray(data.orderPaymentStates)) throw new PaymentUnavailable("unexpected answer");
      const states = new Map<string, OrderPaymentState>();
      for (const row of data.orderPaymentStates as Row[]) {
        const state = row && typeof row.orderId === "string" ? stateOf(row) : null;
        if (!state) throw new PaymentUnavailable("unexpected answer");
        states.set(row.orderId, state);
      }
      return states;
    },
  };
}
