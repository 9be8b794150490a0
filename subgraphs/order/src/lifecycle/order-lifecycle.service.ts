// Everything that moves an order after checkout: payOrder claims it, the owner cancels, an admin
// fulfills, the payment context reports a payment, the clock expires unpaid orders. Each move is a
// conditional update on the order's current status plus its event in the same transaction, so it
// happens exactly once however many order processes (or redelivered events) attempt it.
//
// The payment claim (payment_in_flight) is how an order is never cancelled under a payment that
// captures money: payOrder claims the order, with the row locked, before it asks the provider to
// charge, and the claim stands until that payment settles. Cancel and expiry of a claimed order ask
// the payment context (no lock held across that call) and cancel only if no payment succeeded or
// is in flight, with an update conditional on the claim being the one they saw: a claim landing
// meanwhile makes them change nothing, so of "cancelled" and "charged" at most one happens.
import { DomainError } from "@trolley/errors";
import type { Clock, Logger } from "@trolley/http";
import type { Identity } from "@trolley/identity";
import type { Outbox } from "@trolley/outbox";
import { PaymentUnavailable, type PaymentClient } from "../clients/payment.client.js";
import type { Tx } from "../db.js";
import { canSeeOrder } from "../order/order-visibility.rules.js";
import { OrderStatus, type OrderRecord } from "../order/order.type.js";
import type { LifecycleOrder, OrderLifecycleStore } from "./order-lifecycle.store.js";
import { checkTransition, transitionOf, type OrderAction } from "./order-transitions.rules.js";
import { cancelRefusal, decideOnClaim, paymentInProgress, type PaymentAnswer } from "./payment-claim.rules.js";

/** What the payment context needs from a successful claim. */
export type ClaimedOrder = Pick<LifecycleOrder, "id" | "status" | "totalMinor" | "currencyCode">;

export interface ExpiryResult {
  /** Cancelled for want of payment. */
  expired: string[];
  /** Found paid by asking the payment context (their PaymentSucceeded had not arrived). */
  paid: string[];
}

export class OrderLifecycle {
  constructor(
    private readonly store: OrderLifecycleStore,
    private readonly payments: PaymentClient,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, "warn">,
    private readonly afterCommit: () => void = () => {},
  ) {}

  /**
   * payOrder's claim, before it charges: the order must be the owner's and awaiting payment. A
   * newer claim replaces an older one: the payment context lets a new payment exist only once the
   * older one settled.
   */
  async claimPayment(input: { orderId: string; paymentId: string; ownerId: string }): Promise<ClaimedOrder> {
    return this.store.transaction(async (tx) => {
      const order = await this.store.lock(tx, input.orderId);
      if (!order || order.userId !== input.ownerId) throw new DomainError("ORDER_NOT_FOUND", "No order with this id was found.", ["orderId"]);
      if (order.status !== OrderStatus.PENDING_PAYMENT) throw new DomainError("ORDER_NOT_PAYABLE", `The order is ${order.status}, not awaiting payment.`, ["orderId"]);
      await this.store.setClaim(tx, order.id, input.paymentId, this.clock.now());
      return { id: order.id, status: order.status, totalMinor: order.totalMinor, currencyCode: order.currencyCode };
    });
  }

  /** The owner (or an admin) cancels an unpaid order; its stock goes back (the catalog consumes OrderCancelled). */
  async cancel(caller: Identity, orderId: string): Promise<OrderRecord> {
    const order = await this.store.find(orderId);
    // Whoever may see the order may cancel it: its owner, or an admin.
    if (!order || !canSeeOrder(caller, order)) throw notFound();
    checkTransition(order.status, "cancel");

    const answer = order.paymentInFlight === null ? undefined : (await this.ask([order.id])).get(order.id);
    const decision = decideOnClaim(order.paymentInFlight, answer);
    if (decision.kind === "mark-paid") await this.markPaid(order.id, decision.paymentId);
    if (decision.kind !== "cancel") throw cancelRefusal(decision);

    const cancelled = await this.store.transaction((tx) =>
      this.transition(tx, order.id, "cancel", { reason: "CUSTOMER" }, { claimSeen: order.paymentInFlight }),
    );
    if (!cancelled) {
      // Something moved the order since it was read: its status, or a claim that landed.
      const now = await this.store.find(order.id);
      checkTransition(now!.status, "cancel");
      throw paymentInProgress();
    }
    this.afterCommit();
    return (await this.store.find(order.id))!;
  }

  /** An admin marks a paid order fulfilled. */
  async fulfill(orderId: string): Promise<OrderRecord> {
    const order = await this.store.transaction(async (tx) => {
      const locked = await this.store.lock(tx, orderId);
      if (!locked) throw notFound();
      checkTransition(locked.status, "fulfill");
      return (await this.transition(tx, orderId, "fulfill", {}))!;
    });
    this.afterCommit();
    return order;
  }

  /** A payment failed: the order may be paid again (its claim is cleared). In the consumer's transaction. */
  async paymentFailed(tx: Tx, orderId: string, paymentId: string): Promise<void> {
    await this.store.clearClaim(tx, orderId, paymentId);
  }

  /** A payment succeeded: the order is PAID. In the consumer's transaction. */
  async paymentSucceeded(tx: Tx, orderId: string, paymentId: string): Promise<void> {
    const paid = await this.transition(tx, orderId, "pay", { paymentId });
    if (!paid) {
      const order = await this.store.find(orderId, tx);
      if (order?.status === OrderStatus.CANCELLED) {
        // Cannot happen under the claim protocol unless the order was changed behind it; the
        // payment context refunds a payment of a cancelled order by itself (OrderCancelled).
        this.logger.warn("payment succeeded for a cancelled order; the payment context refunds it", { orderId, paymentId });
      }
    }
  }

  /**
   * Cancels orders unpaid for `timeoutMs`. Safe in every order process at once: unclaimed orders
   * go in one conditional UPDATE that skips locked rows; claimed ones are decided with one call to
   * the payment context and each moved by a conditional update (on its status and the claim seen),
   * so each order expires, or becomes PAID, exactly once. If the payment context cannot be reached,
   * claimed orders are left for the next round: a possibly paid order is never expired.
   */
  async expireUnpaid(timeoutMs: number, limit = 200): Promise<ExpiryResult> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - timeoutMs);
    const expired = await this.store.transaction(async (tx) => {
      const rows = await this.store.expireUnclaimed(tx, cutoff, now, limit);
      await this.outbox.append(
        tx,
        rows.map((row) => ({
          type: "OrderCancelled",
          aggregateId: row.id,
          userId: row.user_id,
          occurredAt: now,
          data: { orderId: row.id, reservationId: row.reservation_id, reason: "PAYMENT_TIMEOUT" },
        })),
      );
      return rows.map((row) => row.id);
    });

    const paid: string[] = [];
    const claimed = await this.store.claimedOverdue(cutoff, limit);
    let answers: Map<string, PaymentAnswer> = new Map();
    if (claimed.length) {
      try {
        answers = await this.payments.paymentStates(claimed.map((order) => order.id));
      } catch (error) {
        if (!(error instanceof PaymentUnavailable)) throw error;
        this.logger.warn("payment context unreachable; claimed unpaid orders are left for the next round", { orders: claimed.length, error: error.message });
      }
    }
    for (const order of claimed) {
      const decision = decideOnClaim(order.paymentInFlight, answers.get(order.id));
      if (decision.kind === "mark-paid" && (await this.markPaid(order.id, decision.paymentId))) paid.push(order.id);
      if (decision.kind !== "cancel") continue;
      const cancelled = await this.store.transaction((tx) =>
        this.transition(tx, order.id, "expire", { reason: "PAYMENT_TIMEOUT" }, { claimSeen: order.paymentInFlight, now }),
      );
      if (cancelled) expired.push(order.id);
    }
    if (expired.length || paid.length) this.afterCommit();
    return { expired, paid };
  }

  /** The order is paid by this payment, as if its PaymentSucceeded had arrived. False if it was not PENDING_PAYMENT. */
  private async markPaid(orderId: string, paymentId: string): Promise<boolean> {
    const paid = await this.store.transaction((tx) => this.transition(tx, orderId, "pay", { paymentId }));
    if (paid) this.afterCommit();
    return paid !== null;
  }

  private async ask(orderIds: string[]): Promise<Map<string, PaymentAnswer>> {
    try {
      return await this.payments.paymentStates(orderIds);
    } catch (error) {
      if (!(error instanceof PaymentUnavailable)) throw error;
      return new Map(orderIds.map((id) => [id, "UNREACHABLE" as const]));
    }
  }

  /** The conditional move and its event; null if the order was not in the starting state (or claim). */
  private async transition(
    tx: Tx,
    orderId: string,
    action: OrderAction,
    data: Record<string, unknown>,
    options: { claimSeen?: string | null; now?: Date } = {},
  ): Promise<LifecycleOrder | null> {
    const { from, to, event } = transitionOf(action);
    const now = options.now ?? this.clock.now();
    const order = await this.store.move(tx, orderId, {
      from,
      to,
      now,
      claimSeen: options.claimSeen,
      // Paid or cancelled, the attempt the claim stood for is over.
      clearClaim: to === OrderStatus.PAID || to === OrderStatus.CANCELLED,
      ...(to === OrderStatus.CANCELLED ? { cancelReason: String(data.reason ?? "CUSTOMER") } : {}),
    });
    if (!order) return null;
    await this.outbox.append(tx, [
      { type: event, aggregateId: orderId, userId: order.userId, occurredAt: now, data: { orderId, reservationId: order.reservationId, from, to, ...data } },
    ]);
    return order;
  }
}

const notFound = () => new DomainError("ORDER_NOT_FOUND", "No order with that id is visible to you.", ["id"]);
