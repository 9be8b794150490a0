// The cart process's background job: flags carts abandoned after CART_ABANDONED_AFTER without
// activity (publishing CartAbandoned once per abandonment) and deletes guest carts idle for
// GUEST_CART_TTL. Any number of cart processes may run it at once: the flag is a conditional
// UPDATE, so only one of them flags a cart and writes its event, and the expiry is one DELETE, so
// each guest cart is deleted (and reported) by one of them.
import type { Clock } from "@trolley/http";
import { abandoned } from "../cart/cart.events.js";
import type { CartEventSink } from "../cart/cart-changes.js";
import type { ActivityIndex } from "./activity-index.js";
import type { HousekeepingStore } from "./housekeeping.store.js";

export interface HousekeepingSettings {
  abandonedAfterMs: number;
  guestCartTtlMs: number;
  /** How many idle carts one run looks at. */
  batchSize?: number;
}

export interface HousekeepingLogger {
  info(msg: string, fields?: Record<string, unknown>): void;
}

export class CartHousekeeping {
  constructor(
    private readonly store: HousekeepingStore,
    private readonly events: CartEventSink,
    private readonly activity: ActivityIndex,
    private readonly clock: Clock,
    private readonly settings: HousekeepingSettings,
    private readonly logger: HousekeepingLogger,
    private readonly afterCommit: () => void = () => {},
  ) {}

  /** One pass; returns what it did. */
  async runOnce(): Promise<{ abandoned: string[]; deleted: string[] }> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.settings.abandonedAfterMs);
    const limit = this.settings.batchSize ?? 500;

    const candidates = await this.candidates(cutoff, limit);
    const flagged = candidates.length
      ? await this.store.transaction(async (tx) => {
          const carts = await this.store.flagAbandoned(tx, candidates, cutoff, now);
          if (carts.length === 0) return carts;
          const lines = await this.store.linesOf(tx, carts.map((c) => c.id));
          await this.events.append(
            tx,
            carts.map((cart) => ({
              ...abandoned(cart.lastActivityAt, lines.filter((l) => l.cartId === cart.id).map((l) => ({ productId: l.productId, quantity: l.quantity }))),
              aggregateId: cart.id,
              userId: cart.ownerId,
              occurredAt: now,
            })),
          );
          return carts;
        })
      : [];
    if (flagged.length) this.afterCommit();
    await this.reindex(candidates, cutoff).catch(() => {});

    const deleted = await this.store.deleteIdleGuestCarts(new Date(now.getTime() - this.settings.guestCartTtlMs));
    await this.activity.forget(deleted).catch(() => {});
    return { abandoned: flagged.map((c) => c.id), deleted };
  }

  /** Idle carts from the index; from Postgres when Redis is down or has lost the index. */
  private async candidates(cutoff: Date, limit: number): Promise<string[]> {
    try {
      if (await this.activity.needsRebuild()) await this.rebuildIndex(this.clock.now());
      return await this.activity.idleSince(cutoff, limit);
    } catch {
      return this.store.idleSince(cutoff, limit);
    }
  }

  /**
   * After a pass, a candidate stays in the index only if Postgres shows newer activity than the
   * index had (it is re-scored); flagged, gone and idle-but-empty carts leave it until their next
   * activity puts them back, so they are not looked at again every run.
   */
  private async reindex(candidates: string[], cutoff: Date): Promise<void> {
    if (candidates.length === 0) return;
    const recent = (await this.store.watched(candidates)).filter((c) => c.lastActivityAt > cutoff);
    const keep = new Set(recent.map((c) => c.id));
    await this.activity.forget(candidates.filter((id) => !keep.has(id)));
    await this.activity.recordMany(recent.map((c) => ({ id: c.id, at: c.lastActivityAt })));
  }

  private async rebuildIndex(now: Date): Promise<void> {
    let after: string | null = null;
    for (;;) {
      const page = await this.store.allWatched(after, 1000);
      if (page.length === 0) break;
      await this.activity.recordMany(page.map((c) => ({ id: c.id, at: c.lastActivityAt })));
      after = page[page.length - 1].id;
    }
    await this.activity.markBuilt(now);
    this.logger.info("cart activity index rebuilt from Postgres");
  }
}
