// Where a country's public holidays come from: the delivery calendar neither dispatches nor
// delivers on them. Two implementations: the built-in table (builtin-holiday-calendar.ts) and
// Nager.Date's public API with the table as its fallback (nager-holiday-calendar.ts).

export interface HolidayYear {
  /** The public holidays that hold in the whole country (YYYY-MM-DD); regional ones are left out. */
  dates: ReadonlySet<string>;
  /** True when these are not the source's own answer: the built-in table standing in for it. */
  estimated: boolean;
}

export interface HolidayCalendar {
  holidays(countryCode: string, year: number): Promise<HolidayYear>;
}
