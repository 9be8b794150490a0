// Per-request DataLoaders. The options serving a country, for every cart of the request at once
// (one query for all their countries); each country's holidays of a year, asked for once per
// request however many options and carts need them; and each cart's offers, made once per request
// and cart state however many of its fields ask, at the request's one instant.
import DataLoader from "dataloader";
import type { CartOptionsService } from "./cart/cart-options.service.js";
import type { HolidayCalendar, HolidayYear } from "./holidays/holiday-calendar.js";
import type { OptionSource } from "./options/option-source.js";
import type { CartToShip, OptionRule, PricedOffer } from "./options/shipping-option.types.js";

export function createLoaders(services: { source: OptionSource; holidays: HolidayCalendar; cartOptions: CartOptionsService }, at: Date) {
  const holidayYears = new DataLoader<string, HolidayYear>((keys) =>
    Promise.all(
      keys.map((key) => {
        const [countryCode, year] = key.split(":");
        return services.holidays.holidays(countryCode, Number(year)).catch((error: Error) => error);
      }),
    ),
  );
  const holidays = { holidays: (countryCode: string, year: number) => holidayYears.load(`${countryCode}:${year}`) } satisfies Pick<HolidayCalendar, "holidays">;
  const options = new DataLoader<string, OptionRule[]>(async (countryCodes) => {
    const serving = await services.source.serving(countryCodes);
    return countryCodes.map((country) => serving.get(country) ?? []);
  });
  return {
    options,
    /** The calendar's interface, through the request's loader. */
    holidays,
    cartOffers: new DataLoader<CartToShip, PricedOffer[], string>(
      (carts) =>
        Promise.all(carts.map((cart) => services.cartOptions.offersFor(cart, at, { options: (country) => options.load(country), holidays }).catch((error: Error) => error))),
      { cacheKeyFn: (cart) => JSON.stringify(cart) },
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
