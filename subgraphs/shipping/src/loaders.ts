// Per-request DataLoaders. The options serving a country, for every cart of the request at once
// (one query for all their countries), and each country's holidays of a year, asked for once per
// request however many options and carts need them.
import DataLoader from "dataloader";
import type { HolidayCalendar, HolidayYear } from "./holidays/holiday-calendar.js";
import type { OptionSource } from "./options/option-source.js";
import type { OptionRule } from "./options/shipping-option.types.js";

export function createLoaders(source: OptionSource, calendar: HolidayCalendar) {
  const holidayYears = new DataLoader<string, HolidayYear>((keys) =>
    Promise.all(
      keys.map((key) => {
        const [countryCode, year] = key.split(":");
        return calendar.holidays(countryCode, Number(year)).catch((error: Error) => error);
      }),
    ),
  );
  return {
    options: new DataLoader<string, OptionRule[]>(async (countryCodes) => {
      const serving = await source.serving(countryCodes);
      return countryCodes.map((country) => serving.get(country) ?? []);
    }),
    /** The calendar's interface, through the request's loader. */
    holidays: { holidays: (countryCode: string, year: number) => holidayYears.load(`${countryCode}:${year}`) } satisfies Pick<HolidayCalendar, "holidays">,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
