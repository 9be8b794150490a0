// The order process's background job: cancels orders unpaid for ORDER_PAYMENT_TIMEOUT (their stock
// is released when the catalog applies OrderCancelled), marks PAID the claimed ones the payment
// context reports paid, and releases the stock of checkouts that died half-way. Safe to run in
// every order process at once: each order moves by a conditional update (SKIP LOCKED for the
// unclaimed batch), so two processes never both expire or both pay one order; each dead checkout
// is taken with SKIP LOCKED and held while it is released, so only one process releases it.
import type { CheckoutService } from "../checkout/checkout.service.js";
import type { OrderLifecycle } from "./order-lifecycle.service.js";

/** A PENDING checkout claim older than this is taken to have died (checkout itself takes seconds). */
const ABANDONED_CHECKOUT_AFTER_MS = 2 * 60_000;

export class OrderHousekeeping {
  constructor(
    private readonly lifecycle: OrderLifecycle,
    private readonly checkout: CheckoutService,
    private readonly paymentTimeoutMs: number,
  ) {}

  async runOnce(): Promise<{ expired: string[]; paid: string[]; releasedCheckouts: number }> {
    const { expired, paid } = await this.lifecycle.expireUnpaid(this.paymentTimeoutMs);
    const releasedCheckouts = await this.checkout.releaseAbandonedCheckouts(ABANDONED_CHECKOUT_AFTER_MS);
    return { expired, paid, releasedCheckouts };
  }
}
