// Reading payments: one payment for a caller, references from other subgraphs, the payments of an
// order a caller sees and their status, and (for the order context) whether orders are paid. Built
// for each request around that request's loaders, so the payments of N orders are one query; who may
// see what is payment-visibility.rules. Paying and refunding are pay-order.service and refund.service.
import { badUserInput } from "@trolley/errors";
import { groupedByKey } from "@trolley/federation";
import type { Identity } from "@trolley/identity";
import type { Loaders } from "../loaders.js";
import { orderPaymentState, type OrderPaymentStateOf } from "../order-payments/order-payment-state.rules.js";
import { canResolvePaymentReference, canSeePayment, clientSecretFor, latestPaymentStatus, paymentsVisibleTo } from "./payment-visibility.rules.js";
import type { PaymentStore } from "./payment.store.js";
import type { Payment, PaymentRecord, PaymentStatus } from "./payment.type.js";

/** More ids than this in one call is a mistake of the caller (expiry asks in batches of 200). */
const MAX_ORDERS = 500;

export class PaymentService {
  constructor(
    private readonly store: PaymentStore,
    private readonly loaders: Loaders,
  ) {}

  /** The payment, if the caller may see it: a payment it may not see answers like one that does not exist. */
  async find(caller: Identity, id: string): Promise<PaymentRecord | null> {
    const payment = await this.loaders.payment.load(id);
    return payment && canSeePayment(caller, payment) ? payment : null;
  }

  /** The payment a reference names, for a caller or another service that may resolve it; null otherwise. */
  async referenced(identity: Identity, id: string): Promise<PaymentRecord | null> {
    const payment = await this.loaders.payment.load(id);
    return payment && canResolvePaymentReference(identity, payment) ? payment : null;
  }

  /** The payment's client secret for this caller: the payer's, while the payment waits for it. */
  clientSecret(caller: Identity, payment: Payment): string | null {
    return clientSecretFor(caller, payment);
  }

  /** The order's payments the caller may see, oldest first. */
  async ofOrder(caller: Identity, orderId: string): Promise<PaymentRecord[]> {
    return paymentsVisibleTo(caller, await this.loaders.paymentsByOrder.load(orderId));
  }

  /** The status of the latest of the order's payments the caller may see; null before the first. */
  async statusOfOrder(caller: Identity, orderId: string): Promise<PaymentStatus | null> {
    return latestPaymentStatus(await this.ofOrder(caller, orderId));
  }

  /** For each order, in the order asked: whether a payment succeeded, is in flight, or neither. One query. */
  async statesOfOrders(orderIds: string[]): Promise<OrderPaymentStateOf[]> {
    if (orderIds.length > MAX_ORDERS) throw badUserInput(`At most ${MAX_ORDERS} orders per call.`);
    const payments = groupedByKey(orderIds, await this.store.findByOrderIds(orderIds), (payment) => payment.orderId);
    return orderIds.map((orderId, i) => orderPaymentState(orderId, payments[i]));
  }
}
