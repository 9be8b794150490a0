// The payment subgraph's one way to read an order: a federation `_entities` lookup on the order
// subgraph over HTTP, carrying the payment's service identity, bounded by a timeout. It reads the
// order's internal fields (owner, total in minor units; @inaccessible at the gateway). Any failure to
// get a usable answer is ORDER_UNAVAILABLE: payOrder then changes nothing and can be retried.
import { DomainError } from "@trolley/errors";
import { callSubgraph, SubgraphUnavailable } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";

const ORDER_QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id status ownerId totalMinor currencyCode } } }`;

/** What payment needs to know about an order to charge it. */
export interface OrderToPay {
  id: string;
  /** The order subgraph's OrderStatus, e.g. PENDING_PAYMENT. */
  status: string;
  /** A user id, or "guest:<id>". */
  ownerId: string;
  totalMinor: number;
  currencyCode: string;
}

export interface OrderClient {
  /** The order, or null when the order subgraph knows no order with this id. */
  order(id: string): Promise<OrderToPay | null>;
}

export class OrderUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("ORDER_UNAVAILABLE", "The order could not be read, so nothing was charged. Please retry.");
  }
}

/** The order subgraph's answer; totalMinor comes as decimal digits (it can pass 32 bits). */
interface OrderAnswer extends Omit<OrderToPay, "totalMinor"> {
  totalMinor: string;
}

const isOrderAnswer = (value: unknown): value is OrderAnswer => {
  const order = value as OrderAnswer;
  return (
    typeof order === "object" &&
    order !== null &&
    typeof order.id === "string" &&
    typeof order.status === "string" &&
    typeof order.ownerId === "string" &&
    typeof order.totalMinor === "string" &&
    /^\d{1,15}$/.test(order.totalMinor) &&
    typeof order.currencyCode === "string"
  );
};

export function httpOrderClient(settings: { url: string; timeoutMs: number; internalSecret: string }): OrderClient {
  const endpoint = { ...settings, service: "order" };
  const identity = serviceIdentity("payment");
  return {
    async order(id) {
      let data: { _entities?: unknown[] };
      try {
        data = await callSubgraph(endpoint, identity, ORDER_QUERY, { r: [{ __typename: "Order", id }] });
      } catch (error) {
        if (error instanceof SubgraphUnavailable) throw new OrderUnavailable(error.message);
        throw error;
      }
      const entities = data._entities;
      if (!Array.isArray(entities) || entities.length !== 1) throw new OrderUnavailable("error response");
      const [order] = entities;
      if (order === null) return null;
      if (!isOrderAnswer(order)) throw new OrderUnavailable("unexpected answer");
      return { ...order, totalMinor: Number(order.totalMinor) };
    },
  };
}
