// Nager.Date's public holiday API (https://date.nager.at): `GET {base}/api/v3/PublicHolidays/{year}/{countryCode}`
// answers 200 with a JSON array of
//   { "date": "2026-12-25", "localName": "...", "name": "Christmas Day", "countryCode": "US",
//     "global": true, "counties": null, "types": ["Public"] }
// (other fields may come too). Only `date` and `global` are read: a holiday that is not `global`
// holds in some counties only, and carriers deliver there. Any other status, a body that is not
// such an array, or no answer within the timeout is a HolidayApiError.
import { isCalendarDay } from "@trolley/federation";

export class HolidayApiError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HolidayApiError";
  }
}

export class NagerDateClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  /** The days of the country's nationwide public holidays in `year`. */
  async publicHolidays(year: number, countryCode: string): Promise<string[]> {
    const url = new URL(`api/v3/PublicHolidays/${year}/${encodeURIComponent(countryCode)}`, this.baseUrl.endsWith("/") ? this.baseUrl : `${this.baseUrl}/`);
    let body: unknown;
    try {
      // The signal covers the body too: a server that sends headers and then stalls times out as well.
      const response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(this.timeoutMs) });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new HolidayApiError(`holiday API answered ${response.status} for ${countryCode} ${year}`);
      }
      body = await response.json();
    } catch (error) {
      if (error instanceof HolidayApiError) throw error;
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new HolidayApiError(timedOut ? `holiday API gave no answer within ${this.timeoutMs} ms` : `holiday API unreachable or not JSON: ${(error as Error).message}`, { cause: error });
    }
    return globalHolidays(body, year, countryCode);
  }
}

/** The `global` holidays of a Nager.Date answer; throws on anything that is not one. */
export function globalHolidays(body: unknown, year: number, countryCode: string): string[] {
  if (!Array.isArray(body)) throw new HolidayApiError(`holiday API answer for ${countryCode} ${year} is not an array`);
  const days = new Set<string>();
  for (const entry of body) {
    const { date, global } = (entry ?? {}) as { date?: unknown; global?: unknown };
    if (typeof date !== "string" || !isCalendarDay(date) || typeof global !== "boolean") {
      throw new HolidayApiError(`holiday API answer for ${countryCode} ${year} has an entry without a calendar day or a global flag`);
    }
    if (global) days.add(date);
  }
  return [...days].sort();
}
