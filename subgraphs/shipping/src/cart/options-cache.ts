// A cart's offers, kept in Redis for every shipping process under `shipping:methods:{hash}` (the
// hash of the cart's content, destination and day, cart-shipping.rules.ts): a cart viewed again
// costs no SQL and no holiday lookup. An entry never outlives the next cut-off of the options it
// holds (the first moment their delivery dates can change) nor SHIPPING_OPTIONS_CACHE_TTL (the
// longest an option changed in Postgres may go unseen), and records the business time it holds
// for, so a clock moved past its end (tests) recomputes. Dates estimated because the holiday
// calendar failed are not kept: the next view asks again. Redis down: nothing is found or kept.
import type { RedisClient } from "@trolley/outbox";
import type { Logger } from "@trolley/http";
import { CacheOutage } from "../cache-outage.js";
import { nextCutoff } from "../calendar/delivery-calendar.js";
import type { PricedOffer } from "../options/shipping-option.types.js";

export const optionsCacheKey = (hash: string) => `shipping:methods:${hash}`;

interface Entry {
  computedAt: number;
  validUntil: number;
  offers: PricedOffer[];
}

/** Until when a cart's offers computed at `now` hold: the earliest of their next cut-offs, and the cache's longest life. */
export function offersValidUntil(offers: readonly PricedOffer[], now: Date, maxAgeMs: number): number {
  return Math.min(now.getTime() + maxAgeMs, ...offers.map((offer) => nextCutoff(offer.option, now).getTime()));
}

export class OptionsCache {
  private readonly outage: CacheOutage;

  constructor(
    private readonly redis: RedisClient,
    private readonly maxAgeMs: number,
    logger: Pick<Logger, "warn" | "info">,
  ) {
    this.outage = new CacheOutage("shipping options cache", logger);
  }

  /** The offers kept for this key, if they hold at `now`. */
  async get(hash: string, now: Date): Promise<PricedOffer[] | null> {
    const text = await this.outage.guard(() => this.redis.get(optionsCacheKey(hash)), null);
    if (text === null) return null;
    try {
      const entry = JSON.parse(text) as Entry;
      const at = now.getTime();
      return at >= entry.computedAt && at < entry.validUntil && Array.isArray(entry.offers) ? entry.offers : null;
    } catch {
      return null;
    }
  }

  /** Keeps the offers computed at `now` until they stop holding; estimated ones are not kept. */
  async put(hash: string, offers: readonly PricedOffer[], now: Date): Promise<void> {
    if (offers.some((offer) => offer.deliveryDatesEstimated)) return;
    const validUntil = offersValidUntil(offers, now, this.maxAgeMs);
    const ttlMs = validUntil - now.getTime();
    if (ttlMs < 1000) return;
    const entry: Entry = { computedAt: now.getTime(), validUntil, offers: [...offers] };
    await this.outage.guard(() => this.redis.set(optionsCacheKey(hash), JSON.stringify(entry), "PX", ttlMs), null);
  }
}
