// Checkout: the caller's cart becomes an order priced by the cart's quote. The steps, and why in
// this order:
//  0. The cart must hold a shipping selection (SHIPPING_REQUIRED) and, for a guest, an email
//     (EMAIL_REQUIRED): refused before anything is claimed or reserved.
//  1. Claim the idempotency key (a committed row): a duplicate request, concurrent or later, finds
//     it and answers with the same order instead of placing another (and never asks pricing again).
//  2. Reserve stock in the catalog for all lines or none, with the claim's id as reservation id:
//     the catalog's answer carries the authoritative names, prices, tax categories, categories
//     and weights.
//  3. Have shipping judge the selection again for exactly those lines and the address, from its
//     options of now (a selection that no longer fits is refused with shipping's code), and price
//     the cart's services at the catalog's prices of now (a withdrawn one: SERVICE_NOT_AVAILABLE).
//  4. Ask pricing for a fresh quote of exactly those lines, services and shipping, with the codes
//     the cart holds, taxed where the cart ships.
//  5. expectedTotal, when sent, must be that quote's total: otherwise CART_CHANGED.
//  6. Reserve one use of each code the quote applied, under the claim's id too (all or none).
//  7. In one transaction: the order with the quote's snapshot and the delivery's (email, address,
//     shipping, service lines), the claim completed, and OrderCreated in the outbox (the cart
//     closes itself when it sees it).
// A refusal in 2 forgets the claim so the key can be used again. Any failure after stock may have
// been reserved releases the stock and, once step 5 was reached, the code uses, then forgets the
// claim; if even that fails, the claim stays PENDING and housekeeping releases both later, so no
// reservation leaks.
import { checkTextArguments, DomainError } from "@trolley/errors";
import type { Caller } from "@trolley/identity";
import type { Outbox } from "@trolley/outbox";
import type { CartClient, CartSnapshot } from "../clients/cart.client.js";
import type { ShippingSelectionRequest } from "../clients/shipping.client.js";
import { SubgraphUnavailable } from "@trolley/http";
import type { Clock } from "@trolley/http";
import type { OrderRecord } from "../order/order.type.js";
import type { CheckoutHolds } from "./checkout-holds.js";
import { appliedCodes, checkExpectedTotal, customerOf, expectedTotalMinor, orderPromotions, orderSnapshot, quoteRequest } from "./checkout-quote.rules.js";
import { deliverySnapshot, judgedShipping, requireDeliveryChoices, serviceLinesSnapshot, servicesToQuote, shippedLines, shippingCartRequest } from "./checkout-delivery.rules.js";
import { cartContentHash, isRetryOf, keyReused, orderCurrency } from "./checkout.rules.js";
import type { CheckoutRequestRow, CheckoutStore } from "./checkout.store.js";

/** placed: a new order was committed. refused: an expected failure (a DomainError) answered the caller. */
export type CheckoutOutcome = "placed" | "refused";

export interface CheckoutInput {
  idempotencyKey: string;
  /** The cost.total the shopper saw, a decimal amount in the cart's currency; absent: not checked. */
  expectedTotal?: string | null;
}

/** How long a duplicate request waits for the first one with its key to finish. */
const DUPLICATE_WAIT_MS = 15_000;

export class CheckoutService {
  constructor(
    private readonly store: CheckoutStore,
    private readonly carts: CartClient,
    private readonly holds: CheckoutHolds,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly afterCommit: () => void = () => {},
    /** Told how each checkout ended (metrics); a replay of a completed checkout is neither. */
    private readonly outcome: (outcome: CheckoutOutcome) => void = () => {},
  ) {}

  async checkout(caller: Caller, input: CheckoutInput): Promise<OrderRecord> {
    try {
      return await this.attempt(caller, input);
    } catch (error) {
      if (error instanceof DomainError) this.outcome("refused");
      throw error;
    }
  }

  private async attempt(caller: Caller, input: CheckoutInput): Promise<OrderRecord> {
    const { idempotencyKey, expectedTotal } = input;
    checkTextArguments({ idempotencyKey, ...(expectedTotal != null ? { expectedTotal } : {}) });
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
      const selection = requireDeliveryChoices(caller, cart);
      const request = await this.store.claim(caller.subject, idempotencyKey, hash, this.clock.now());
      if (request) return this.place(caller, cart, selection, request, expectedTotal);
    }
  }

  /**
   * Releases the stock and code uses of checkouts that never completed. Returns how many it cleaned
   * up. Safe in every order process at once: each request is taken with FOR UPDATE SKIP LOCKED and
   * held while its holds are released and it is forgotten, so one process releases it and the
   * others skip it; a checkout still finishing it waits, then finds its claim gone and gives up.
   */
  async releaseAbandonedCheckouts(olderThanMs: number, limit = 100): Promise<number> {
    const olderThan = new Date(this.clock.now().getTime() - olderThanMs);
    // Each request at most once per run, whatever the catalog or pricing answered.
    const seen: string[] = [];
    let released = 0;
    while (seen.length < limit) {
      let taken: string | null = null;
      try {
        const done = await this.store.transaction(async (tx) => {
          const request = await this.store.lockStalePending(tx, olderThan, seen);
          if (!request) return false;
          taken = request.id;
          seen.push(request.id);
          await this.holds.release(request.id);
          await this.store.forget(request.id, tx);
          return true;
        });
        if (!done) break;
        released++;
      } catch (error) {
        if (taken === null) throw error;
        // The catalog or pricing is still unreachable: the request stays, and the next run tries again.
      }
    }
    return released;
  }

  private async place(
    caller: Caller,
    cart: CartSnapshot,
    selection: ShippingSelectionRequest,
    request: CheckoutRequestRow,
    expectedTotal: string | null | undefined,
  ): Promise<OrderRecord> {
    let reserved;
    try {
      reserved = await this.holds.reserveStock(request.id, cart.lines);
    } catch (error) {
      // A refusal held nothing; an unanswered call may have held it all.
      if (error instanceof DomainError && error.code !== "CATALOG_UNAVAILABLE") await this.store.forget(request.id);
      else await this.giveUp(request, { codes: false });
      throw error;
    }

    let codesAsked = false;
    try {
      const currencyCode = orderCurrency(reserved);
      const expectedMinor = expectedTotalMinor(expectedTotal, currencyCode);
      const customer = customerOf(caller, cart.email);
      const shipping = judgedShipping(await this.holds.judgeShipping(shippingCartRequest(shippedLines(cart.lines, reserved), cart.shippingAddress, currencyCode), selection), currencyCode);
      const offers = await this.holds.serviceOffers(cart.serviceLines.map((line) => line.serviceId));
      const services = servicesToQuote(cart.serviceLines, offers, currencyCode);
      const quote = await this.holds.quote(quoteRequest(cart, reserved, currencyCode, customer, { services, shippingPriceMinor: shipping.totalMinor }));
      checkExpectedTotal(expectedMinor, quote);
      const snapshot = {
        ...orderSnapshot(quote, reserved),
        delivery: deliverySnapshot(cart, shipping),
        serviceLines: serviceLinesSnapshot(quote, cart.serviceLines, offers),
      };
      const codes = appliedCodes(quote);
      codesAsked = codes.length > 0;
      await this.holds.reserveCodes(request.id, codes, customer);

      const now = this.clock.now();
      const order = await this.store.transaction(async (tx) => {
        const created = await this.store.createOrder(tx, { request, userId: caller.subject, snapshot, currencyCode, now });
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
              lines: snapshot.lines.map(({ productId, quantity, unitPriceMinor }) => ({ productId, quantity, unitPriceMinor })),
              promotions: orderPromotions(quote),
              totalMinor: quote.totalMinor,
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
      await this.giveUp(request, { codes: codesAsked });
      throw error;
    }
  }

  private async readCart(caller: Caller): Promise<CartSnapshot> {
    try {
      return await this.carts.cartOf(caller);
    } catch (error) {
      if (error instanceof SubgraphUnavailable) throw new DomainError("CART_UNAVAILABLE", "The cart could not be read; no order was placed. Please retry.");
      throw error;
    }
  }

  /** Releases what may have been reserved and frees the key; if that fails, housekeeping finishes the job. */
  private async giveUp(request: CheckoutRequestRow, options: { codes: boolean }): Promise<void> {
    try {
      await this.holds.release(request.id, options);
      await this.store.forget(request.id);
    } catch {
      // Left PENDING on purpose: releaseAbandonedCheckouts will release it.
    }
  }
}
