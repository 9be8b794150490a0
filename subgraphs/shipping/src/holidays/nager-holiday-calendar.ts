// Holidays from Nager.Date (nager-date.client.ts), kept in Redis for every process (holiday-cache.ts),
// behind a circuit breaker, with the built-in table as the fallback. Whatever goes wrong with the
// API (no answer within HOLIDAY_API_TIMEOUT, an error status, a body that is not its JSON, the
// breaker open after repeated failures), the answer is the table's, marked estimated: delivery
// dates still answer, and say they may be off. Within a process, concurrent askers of one
// country's year share one API call.
import type { Logger } from "@trolley/http";
import type { BuiltinHolidayCalendar } from "./builtin-holiday-calendar.js";
import type { CircuitBreaker } from "./circuit-breaker.js";
import type { HolidayCache } from "./holiday-cache.js";
import type { HolidayCalendar, HolidayYear } from "./holiday-calendar.js";
import type { NagerDateClient } from "./nager-date.client.js";

export class NagerHolidayCalendar implements HolidayCalendar {
  private readonly inFlight = new Map<string, Promise<HolidayYear>>();

  constructor(
    private readonly api: NagerDateClient,
    private readonly cache: HolidayCache,
    private readonly breaker: CircuitBreaker,
    private readonly fallback: BuiltinHolidayCalendar,
    private readonly logger: Pick<Logger, "warn" | "info">,
  ) {}

  async holidays(countryCode: string, year: number): Promise<HolidayYear> {
    const cached = await this.cache.get(countryCode, year);
    if (cached) return { dates: new Set(cached), estimated: false };
    const key = `${countryCode}:${year}`;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.ask(countryCode, year).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async ask(countryCode: string, year: number): Promise<HolidayYear> {
    if (!this.breaker.tryAcquire()) return this.estimated(countryCode, year);
    try {
      const days = await this.api.publicHolidays(year, countryCode);
      const wasFailing = this.breaker.state !== "closed";
      this.breaker.success();
      if (wasFailing) this.logger.info("holiday API answers again", { countryCode, year });
      await this.cache.put(countryCode, year, days);
      return { dates: new Set(days), estimated: false };
    } catch (error) {
      this.breaker.failure();
      this.logger.warn("holiday API failed: delivery dates estimated from the built-in table", { countryCode, year, error, breaker: this.breaker.state });
      return this.estimated(countryCode, year);
    }
  }

  private estimated(countryCode: string, year: number): HolidayYear {
    return { dates: this.fallback.holidaysNow(countryCode, year).dates, estimated: true };
  }
}
