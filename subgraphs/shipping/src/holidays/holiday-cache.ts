// The holidays the API gave, kept in Redis for every shipping process (`shipping:holidays:{country}:{year}`,
// a JSON array of days, for HOLIDAY_CACHE_TTL): a country's year is asked for once a day, not once
// per cart. Only the source's own answers are kept, never the fallback's, so a recovered API is
// used at once. Redis down: nothing is kept or found, and the outage is logged once.
import type { RedisClient } from "@trolley/outbox";
import type { Logger } from "@trolley/http";
import { CacheOutage } from "../cache-outage.js";

export const holidayCacheKey = (countryCode: string, year: number) => `shipping:holidays:${countryCode}:${year}`;

export class HolidayCache {
  private readonly outage: CacheOutage;

  constructor(
    private readonly redis: RedisClient,
    private readonly ttlMs: number,
    logger: Pick<Logger, "warn" | "info">,
  ) {
    this.outage = new CacheOutage("holiday cache", logger);
  }

  async get(countryCode: string, year: number): Promise<string[] | null> {
    const text = await this.outage.guard(() => this.redis.get(holidayCacheKey(countryCode, year)), null);
    if (text === null) return null;
    try {
      const days = JSON.parse(text) as unknown;
      return Array.isArray(days) && days.every((day) => typeof day === "string") ? days : null;
    } catch {
      return null;
    }
  }

  async put(countryCode: string, year: number, days: string[]): Promise<void> {
    await this.outage.guard(() => this.redis.set(holidayCacheKey(countryCode, year), JSON.stringify(days), "PX", this.ttlMs), null);
  }
}
