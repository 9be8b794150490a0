// The payment subgraph's one way to read and claim an order: a federation `_entities` lookup on the
// order subgraph, and its service-only claimOrderPayment mutation, over HTTP, carrying the payment's
// service identity, bounded by a timeout. It reads the order's internal fields (owner, total in
// minor units; @inaccessible at the gateway). Any failure to get a usable answer is
// ORDER_UNAVAILABLE: payOrder then charges nothing and can be retried.
import { DomainError, type UserErrorData } from "@trolley/errors";
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

/** The order subgraph's answer to a claim: the order to charge, or why it may not be charged. */
export type ClaimResult = { ok: true; order: Omit<OrderToPay, "ownerId"> } | { ok: false; error: UserErrorData };

export interface OrderClient {
  /** The order, or null when the order subgraph knows no order with this id. */
  order(id: string): Promise<OrderToPay | null>;
  /**
   * Marks `paymentId` as the payment in flight for the order, if it is the owner's and awaiting
   * payment; the order's cancel and expiry then respect it. Throws OrderUnavailable when there is
   * no answer (the claim may or may not have landed).
   */
  claim(orderId: string, paymentId: string, ownerId: string): Promise<ClaimResult>;
}

export class OrderUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("ORDER_UNAVAILABLE", "The order could not be read, so nothing was charged. Please retry.");
  }
}

const CLAIM_MUTATION = `mutation Claim($orderId: ID!, $paymentId: ID!, $ownerId: String!) {
  claimOrderPayment(orderId: $orderId, paymentId: $paymentId, ownerId: $ownerId) {
    claim { orderId status totalMinor currencyCode }
    userErrors { code field message }
  }
}`;

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
    async claim(orderId, paymentId, ownerId) {
      let data: { claimOrderPayment?: { claim: { orderId: string; status: string; totalMinor: string; currencyCode: string } | null; userErrors: UserErrorData[] } };
      try {
        data = await callSubgraph(endpoint, identity, CLAIM_MUTATION, { orderId, paymentId, ownerId });
      } catch (error) {
        if (error instanceof SubgraphUnavailable) throw new OrderUnavailable(error.message);
        throw error;
      }
      const answer = data.claimOrderPayment;
      if (!answer || !Array.isArray(answer.userErrors)) throw new OrderUnavailable("unexpected answer");
      const [refusal] = answer.userErrors;
      if (refusal) return { ok: false, error: refusal };
      const claimed = answer.claim && { id: answer.claim.orderId, ...answer.claim, ownerId };
      if (!isOrderAnswer(claimed)) throw new OrderUnavailable("unexpected answer");
      return { ok: true, order: { id: claimed.id, status: claimed.status, totalMinor: Number(claimed.totalMinor), currencyCode: claimed.currencyCode } };
    },
  };
}
