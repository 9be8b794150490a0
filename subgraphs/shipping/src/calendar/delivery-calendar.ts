// The delivery calendar: from an option's schedule (lead time in business days, cut-off hour in
// its own time zone, the weekdays it delivers on) and the country's public holidays, the days a
// delivery can be booked for. Pure: the instant is passed in (the context's clock), and so are the
// holidays, so tests can stand anywhere in time.
//
//   1. Dispatch: today, if today is a business day and the option's local time is before its
//      cut-off hour; otherwise the next business day. Business days are Monday to Friday, public
//      holidays excepted.
//   2. Earliest delivery: dispatch plus the lead time, counted in business days (0: the same day).
//   3. Bookable: from the earliest delivery on, every day on one of the delivery weekdays that is
//      not a public holiday, the first `count` of them, earliest first.
//
// The answer changes only when the option's local time passes its cut-off (see nextCutoff): at
// local midnight a day after the cut-off becomes a day before it, which dispatches on the same day.
import { addDays, isoWeekday } from "./calendar-day.js";
import { instantOf, wallTime } from "./zoned-time.js";

export interface DeliverySchedule {
  /** Business days from dispatch to delivery. */
  leadDays: number;
  /** Orders before this hour of the option's local time leave the same business day. */
  cutoffHour: number;
  /** IANA zone the cut-off hour is read in, e.g. "America/New_York". */
  timeZone: string;
  /** ISO weekdays (1 Monday ... 7 Sunday) a delivery can be booked on. */
  weekdays: readonly number[];
}

export type IsHoliday = (day: string) => boolean;

/** Bookable days are looked for this far after the earliest delivery, and no further. */
export const HORIZON_DAYS = 120;

export function isBusinessDay(day: string, isHoliday: IsHoliday): boolean {
  return isoWeekday(day) <= 5 && !isHoliday(day);
}

function nextBusinessDay(day: string, isHoliday: IsHoliday): string {
  let next = addDays(day, 1);
  // Bounded: a calendar of nothing but holidays is a bad table, not a reason to loop forever.
  for (let step = 0; step < HORIZON_DAYS && !isBusinessDay(next, isHoliday); step++) next = addDays(next, 1);
  return next;
}

/** The day a parcel ordered at `now` leaves. */
export function dispatchDay(schedule: DeliverySchedule, now: Date, isHoliday: IsHoliday): string {
  const local = wallTime(now, schedule.timeZone);
  if (isBusinessDay(local.day, isHoliday) && local.hour < schedule.cutoffHour) return local.day;
  return nextBusinessDay(local.day, isHoliday);
}

/** The earliest day a parcel ordered at `now` can arrive (before the delivery weekdays are applied). */
export function earliestDelivery(schedule: DeliverySchedule, now: Date, isHoliday: IsHoliday): string {
  let day = dispatchDay(schedule, now, isHoliday);
  for (let step = 0; step < schedule.leadDays; step++) day = nextBusinessDay(day, isHoliday);
  return day;
}

/** The next `count` days a delivery ordered at `now` can be booked for, earliest first. */
export function deliveryDates(schedule: DeliverySchedule, input: { now: Date; isHoliday: IsHoliday; count: number }): string[] {
  const { now, isHoliday, count } = input;
  const weekdays = new Set(schedule.weekdays);
  const first = earliestDelivery(schedule, now, isHoliday);
  const dates: string[] = [];
  for (let offset = 0; offset <= HORIZON_DAYS && dates.length < count; offset++) {
    const day = addDays(first, offset);
    if (weekdays.has(isoWeekday(day)) && !isHoliday(day)) dates.push(day);
  }
  return dates;
}

/**
 * The next instant after `now` at which the option's local clock reaches its cut-off hour: until
 * then its delivery dates stay what they are now, so nothing derived from them may be kept longer.
 */
export function nextCutoff(schedule: Pick<DeliverySchedule, "cutoffHour" | "timeZone">, now: Date): Date {
  const today = wallTime(now, schedule.timeZone).day;
  const cutoffToday = instantOf(today, schedule.cutoffHour, schedule.timeZone);
  if (cutoffToday.getTime() > now.getTime()) return cutoffToday;
  return instantOf(addDays(today, 1), schedule.cutoffHour, schedule.timeZone);
}
