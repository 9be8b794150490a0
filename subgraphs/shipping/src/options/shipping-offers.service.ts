// What shipping can do for a cart now: each option that serves it, priced, with the add-ons it may
// choose and the days a delivery can be booked for (the delivery calendar over the destination
// country's public holidays). The options come from the caller: read from Postgres for a judgement,
// through the request's loader for a cart view.
import { deliveryDates, type DeliverySchedule } from "../calendar/delivery-calendar.js";
import { yearOf } from "../calendar/calendar-day.js";
import { wallTime } from "../calendar/zoned-time.js";
import type { HolidayCalendar, HolidayYear } from "../holidays/holiday-calendar.js";
import { measure, offerFor, offerWeekdays } from "./offer.rules.js";
import type { CartOffers, CartToShip, OptionRule, PricedOffer } from "./shipping-option.types.js";

/** How holidays are looked up: the calendar itself, or a request's loader in front of it. */
export type HolidayLookup = Pick<HolidayCalendar, "holidays">;

export class ShippingOffersService {
  constructor(
    private readonly calendar: HolidayCalendar,
    /** How many delivery dates each option offers (SHIPPING_DELIVERY_DATES). */
    private readonly datesOffered: number,
  ) {}

  async offers(cart: CartToShip, options: readonly OptionRule[], now: Date, holidays: HolidayLookup = this.calendar): Promise<CartOffers> {
    const measures = measure(cart);
    const notOffered = new Map<string, string>();
    const pending: Promise<PricedOffer>[] = [];
    for (const option of options) {
      const decision = offerFor(option, cart, measures);
      if (!decision.offered) {
        notOffered.set(option.id, decision.reason);
        continue;
      }
      const schedule = { ...option, weekdays: offerWeekdays(option, decision.addOns) };
      pending.push(
        this.datesFor(schedule, cart.destination.countryCode, now, holidays).then(({ dates, estimated }) => ({
          option,
          priceMinor: decision.priceMinor,
          addOns: decision.addOns,
          deliveryDates: dates,
          deliveryDatesEstimated: estimated,
        })),
      );
    }
    return { offers: await Promise.all(pending), notOffered };
  }

  /**
   * The schedule's delivery dates, with the holidays of every year they reach: the local year to
   * begin with, and the next one too when the dates run into it (late in December).
   */
  private async datesFor(schedule: DeliverySchedule, countryCode: string, now: Date, holidays: HolidayLookup): Promise<{ dates: string[]; estimated: boolean }> {
    const known = new Map<number, HolidayYear>();
    const load = async (year: number) => known.set(year, await holidays.holidays(countryCode, year));
    await load(yearOf(wallTime(now, schedule.timeZone).day));
    const isHoliday = (day: string) => known.get(yearOf(day))?.dates.has(day) ?? false;
    let dates = deliveryDates(schedule, { now, isHoliday, count: this.datesOffered });
    // At most two more rounds: a year's worth of dates is far beyond any lead time and count.
    for (let round = 0; round < 2; round++) {
      const last = dates.at(-1);
      if (!last || known.has(yearOf(last))) break;
      await load(yearOf(last));
      dates = deliveryDates(schedule, { now, isHoliday, count: this.datesOffered });
    }
    return { dates, estimated: [...known.values()].some((year) => year.estimated) };
  }
}
