// Checkout: the caller's cart becomes an order. The steps, and why in this order:
//  1. Claim the idempotency key (a committed row): a duplicate request, concurrent or later, finds
//     it and answers with the same order instead of placing another.
//  2. Reserve stock in the catalog for all lines or none, with the claim's id as reservation id:
//     the catalog's answer carries the authoritative names and prices of that moment.
//  3. In one transaction: the order with that snapshot, the claim completed, and OrderCreated in
//     the outbox (the cart closes itself when it sees it).
// A refusal in 2 forgets the claim so the key can be used again. A failure after stock may have
// been reserved releases it; if even that fails, the claim stays PENDING and the housekeeping job
// releases it later, so no reservation leaks.
import { checkTextArguments, DomainError } from "@trolley/errors";
import type { Identity } from "@trolley/identity";
import type { Outbox } from "@trolley/outbox";
import type { CartClient, CartSnapshot } from "../clients/cart.client.js";
import type { CatalogClient } from "../clients/catalog.client.js";
import { SubgraphUnavailable } from "@trolley/http";
import type { Clock } from "@trolley/http";
import type { OrderRecord } from "../order/order.type.js";
import { cartContentHash, isRetryOf, keyReused, orderCurrency } from "./checkout.rules.js";
import type { CheckoutRequestRow, CheckoutStore } from "./checkout.store.js";

/** placed: a new order was committed. refused: an expected failure (a DomainError) answered the caller. */
export type CheckoutOutcome = "placed" | "refused";

/** How long a duplicate request waits for the first one with its key to finish. */
const DUPLICATE_WAIT_MS = 15_000;

export class CheckoutService {
  constructor(
    private readonly store: CheckoutStore,
    private readonly carts: CartClient,
    private readonly catalog: CatalogClient,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly afterCommit: () => void = () => {},
    /** Told how each checkout ended (metrics); a replay of a completed checkout is neither. */
    private readonly outcome: (outcome: CheckoutOutcome) => void = () => {},
  ) {}

  async checkout(caller: Extract<Identity, { subject: string }>, idempotencyKey: string): Promise<OrderRecord> {
    try {
      return await this.attempt(caller, idempotencyKey);
    } catch (error) {
      if (error instanceof DomainError) this.outcome("refused");
      throw error;
    }
  }

  private async attempt(caller: Extract<Identity, { subject: string }>, idempotencyKey: string): Promise<OrderRecord> {
    checkTextArguments({ idempotencyKey });
    const cart = await this.readCart(caller);
    const hash = cartContentHash(cart.lines);
    const deadline = Date.now() + DUPLICATE_WAIT_MS;

    for (;;) {
      const existing = await this.store.findRequest(caller.subject, idempotencyKey);
      if (existing?.status === "COMPLETED") {
        if (!isRetryOf(existing.requestHash, cart.lines)) throw keyReused();
        return (await this.store.findOrder(existing.orderId!))!;
      }
      if (existing) {
        if (!isRetryOf(existing.requestHash, cart.lines)) throw keyReused();
        if (Date.now() > deadline) throw new DomainError("CHECKOUT_IN_PROGRESS", "A checkout with this key is still running; retry with the same key.");
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (cart.lines.length === 0) throw new DomainError("CART_EMPTY", "The cart is empty.");
      const request = await this.store.claim(caller.subject, idempotencyKey, hash, this.clock.now());
      if (request) return this.place(caller, cart, request);
    }
  }

  /** Releases the stock of checkouts that never completed. Returns how many it cleaned up. */
  async releaseAbandonedCheckouts(olderThanMs: number): Promise<number> {
    const stale = await this.store.stalePending(new Date(this.clock.now().getTime() - olderThanMs));
    let released = 0;
    for (const request of stale) {
      try {
        await this.catalog.release(request.id);
        await this.store.forget(request.id);
        released++;
      } catch {
        // The catalog is still unreachable: the next run tries again.
      }
    }
    return released;
  }

  private async place(caller: Extract<Identity, { subject: string }>, cart: CartSnapshot, request: CheckoutRequestRow): Promise<OrderRecord> {
    let reservation;
    try {
      reservation = await this.catalog.reserve(request.id, cart.lines);
    } catch (error) {
      // The reservation may have been made and only the answer lost.
      await this.giveUp(request);
      if (error instanceof SubgraphUnavailable) {
        throw new DomainError("CATALOG_UNAVAILABLE", "The catalog could not be reached; no order was placed. Please retry.");
      }
      throw error;
    }
    if (!reservation.ok) {
      await this.store.forget(request.id);
      const [first, ...rest] = reservation.errors;
      throw first ? DomainError.of([first, ...rest]) : new DomainError("CATALOG_UNAVAILABLE", "The stock could not be reserved; please retry.");
    }
    let currencyCode: string;
    try {
      currencyCode = orderCurrency(reservation.lines);
    } catch (error) {
      await this.giveUp(request);
      throw error;
    }

    const now = this.clock.now();
    try {
      const order = await this.store.transaction(async (tx) => {
        const created = await this.store.createOrder(tx, { request, userId: caller.subject, lines: reservation.lines, currencyCode, now });
        await this.outbox.append(tx, [
          {
            type: "OrderCreated",
            aggregateId: created.id,
            userId: caller.subject,
            occurredAt: now,
            data: {
              orderId: created.id,
              number: created.number,
              cartId: cart.id,
              cartVersion: cart.version,
              reservationId: request.id,
              lines: reservation.lines.map(({ productId, quantity, unitPriceMinor }) => ({ productId, quantity, unitPriceMinor })),
              totalMinor: created.totalMinor,
              currencyCode: created.currencyCode,
            },
          },
        ]);
        return created;
      });
      this.afterCommit();
      this.outcome("placed");
      return order;
    } catch (error) {
      await this.giveUp(request);
      throw error;
    }
  }

  private async readCart(caller: Identity): Promise<CartSnapshot> {
    try {
      return await this.carts.cartOf(caller);
    } catch (error) {
      if (error instanceof SubgraphUnavailable) throw new DomainError("CART_UNAVAILABLE", "The cart could not be read; no order was placed. Please retry.");
      throw error;
    }
  }

  /** Releases what may have been reserved; if that fails too, housekeeping finishes the job. */
  private async giveUp(request: CheckoutRequestRow): Promise<void> {
    try {
      await this.catalog.release(request.id);
      await this.store.forget(request.id);
    } catch {
      // Left PENDING on purpose: releaseAbandonedCheckouts will release it.
    }
  }
}
