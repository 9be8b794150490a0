// The holiday calendar HOLIDAY_API_URL asks for: the built-in table itself (`builtin`), or
// Nager.Date at that URL with its timeout, breaker, Redis cache and the table as the fallback.
import type { Logger } from "@trolley/http";
import type { RedisClient } from "@trolley/outbox";
import type { ShippingConfig } from "../config.js";
import { BuiltinHolidayCalendar } from "./builtin-holiday-calendar.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import { HolidayCache } from "./holiday-cache.js";
import type { HolidayCalendar } from "./holiday-calendar.js";
import { NagerDateClient } from "./nager-date.client.js";
import { NagerHolidayCalendar } from "./nager-holiday-calendar.js";

type HolidaySettings = Pick<ShippingConfig, "HOLIDAY_API_URL" | "HOLIDAY_API_TIMEOUT" | "HOLIDAY_API_FAILURES" | "HOLIDAY_API_COOLDOWN" | "HOLIDAY_CACHE_TTL">;

export function createHolidayCalendar(config: HolidaySettings, redis: RedisClient, logger: Pick<Logger, "warn" | "info">): HolidayCalendar {
  const builtin = new BuiltinHolidayCalendar();
  if (config.HOLIDAY_API_URL === "builtin") return builtin;
  return new NagerHolidayCalendar(
    new NagerDateClient(config.HOLIDAY_API_URL, config.HOLIDAY_API_TIMEOUT),
    new HolidayCache(redis, config.HOLIDAY_CACHE_TTL, logger),
    new CircuitBreaker({ failureThreshold: config.HOLIDAY_API_FAILURES, cooldownMs: config.HOLIDAY_API_COOLDOWN }),
    builtin,
    logger,
  );
}
