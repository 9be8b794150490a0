// Holidays from the built-in table (builtin-holidays.ts). A country or year the table does not
// hold has no holidays it knows of, and says so: the answer is estimated.
import type { HolidayCalendar, HolidayYear } from "./holiday-calendar.js";
import { BUILTIN_HOLIDAYS, type HolidayTable } from "./builtin-holidays.js";

export class BuiltinHolidayCalendar implements HolidayCalendar {
  constructor(private readonly table: HolidayTable = BUILTIN_HOLIDAYS) {}

  /** Synchronous: the fallback of a calendar whose source failed must not be able to fail too. */
  holidaysNow(countryCode: string, year: number): HolidayYear {
    const listed = this.table[countryCode]?.[year];
    return { dates: new Set((listed ?? []).map(([day]) => day)), estimated: listed === undefined };
  }

  async holidays(countryCode: string, year: number): Promise<HolidayYear> {
    return this.holidaysNow(countryCode, year);
  }
}
