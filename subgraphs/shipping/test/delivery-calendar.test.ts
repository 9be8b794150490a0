// The delivery calendar, worked by hand against real calendars: the cut-off read in the option's
// own zone (across daylight saving changes in New York and Warsaw), weekends, public holidays, lead
// days, and the next cut-off that bounds how long an answer may be kept.
import { describe, expect, it } from "vitest";
import { deliveryDates, dispatchDay, nextCutoff, type DeliverySchedule } from "../src/calendar/delivery-calendar.js";
import { instantOf, wallTime } from "../src/calendar/zoned-time.js";
import { addDays, isoWeekday } from "../src/calendar/calendar-day.js";

const WEEKDAYS = [1, 2, 3, 4, 5];
const newYork: DeliverySchedule = { leadDays: 2, cutoffHour: 14, timeZone: "America/New_York", weekdays: WEEKDAYS };
const warsaw: DeliverySchedule = { leadDays: 1, cutoffHour: 15, timeZone: "Europe/Warsaw", weekdays: WEEKDAYS };
const noHolidays = () => false;
const holidays = (...days: string[]) => (day: string) => days.includes(day);
const at = (iso: string) => new Date(iso);

describe("calendar days", () => {
  it("counts days and weekdays through month, year and leap-day ends", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    // 2026-12-25 is a Friday, 2026-12-27 a Sunday.
    expect([isoWeekday("2026-12-25"), isoWeekday("2026-12-27"), isoWeekday("2026-12-28")]).toEqual([5, 7, 1]);
  });
});

describe("the option's own time zone", () => {
  it("reads the wall clock of the zone, daylight saving included", () => {
    // 18:30 UTC is 13:30 in New York in winter (UTC-5) and 14:30 in summer time (UTC-4).
    expect(wallTime(at("2026-03-06T18:30:00Z"), "America/New_York")).toMatchObject({ day: "2026-03-06", hour: 13, minute: 30 });
    expect(wallTime(at("2026-03-09T18:30:00Z"), "America/New_York")).toMatchObject({ day: "2026-03-09", hour: 14, minute: 30 });
    // Late evening UTC is already the next day in Warsaw.
    expect(wallTime(at("2026-12-31T23:30:00Z"), "Europe/Warsaw")).toMatchObject({ day: "2027-01-01", hour: 0 });
  });

  it("finds the instant of a local hour on either side of a change, and just after a skipped hour", () => {
    expect(instantOf("2026-03-28", 15, "Europe/Warsaw").toISOString()).toBe("2026-03-28T14:00:00.000Z");
    expect(instantOf("2026-03-29", 15, "Europe/Warsaw").toISOString()).toBe("2026-03-29T13:00:00.000Z");
    // 2:00 does not exist in Warsaw on 2026-03-29 (clocks jump from 2:00 to 3:00 CEST = 01:00 UTC).
    expect(instantOf("2026-03-29", 2, "Europe/Warsaw").toISOString()).toBe("2026-03-29T01:00:00.000Z");
    // 1:00 happens twice in New York on 2026-11-01: the first (EDT, UTC-4) is taken.
    expect(instantOf("2026-11-01", 1, "America/New_York").toISOString()).toBe("2026-11-01T05:00:00.000Z");
  });
});

describe("dispatch and the cut-off", () => {
  it("ships today before the cut-off and the next business day from it on", () => {
    // Tuesday 2026-12-01, New York in winter (UTC-5): 13:59 is before the 14:00 cut-off, 14:00 is not.
    expect(dispatchDay(newYork, at("2026-12-01T18:59:00Z"), noHolidays)).toBe("2026-12-01");
    expect(dispatchDay(newYork, at("2026-12-01T19:00:00Z"), noHolidays)).toBe("2026-12-02");
    // Two business days after: Thursday, or Friday from the cut-off on.
    expect(deliveryDates(newYork, { now: at("2026-12-01T18:59:00Z"), isHoliday: noHolidays, count: 4 })).toEqual(["2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"]);
    expect(deliveryDates(newYork, { now: at("2026-12-01T19:00:00Z"), isHoliday: noHolidays, count: 3 })).toEqual(["2026-12-04", "2026-12-07", "2026-12-08"]);
  });

  it("reads the cut-off in local time across New York's spring change", () => {
    // Daylight saving starts Sunday 2026-03-08. At 18:30 UTC, the Friday before it is 13:30 local
    // (before the cut-off) and the Monday after it 14:30 local (after): same UTC time, other answer.
    expect(dispatchDay(newYork, at("2026-03-06T18:30:00Z"), noHolidays)).toBe("2026-03-06");
    expect(dispatchDay(newYork, at("2026-03-09T18:30:00Z"), noHolidays)).toBe("2026-03-10");
    expect(dispatchDay(newYork, at("2026-03-09T17:30:00Z"), noHolidays)).toBe("2026-03-09");
    expect(deliveryDates(newYork, { now: at("2026-03-09T18:30:00Z"), isHoliday: noHolidays, count: 2 })).toEqual(["2026-03-12", "2026-03-13"]);
  });

  it("reads the cut-off in local time across Warsaw's changes", () => {
    // Summer time from Sunday 2026-03-29: 13:30 UTC is 14:30 CET on the Friday before (before the
    // 15:00 cut-off) and 15:30 CEST on the Monday after (after it).
    expect(dispatchDay(warsaw, at("2026-03-27T13:30:00Z"), noHolidays)).toBe("2026-03-27");
    expect(dispatchDay(warsaw, at("2026-03-30T13:30:00Z"), noHolidays)).toBe("2026-03-31");
    // Winter time from Sunday 2026-10-25: 13:30 UTC is 15:30 CEST on Friday 23rd, 14:30 CET on Monday 26th.
    expect(dispatchDay(warsaw, at("2026-10-23T13:30:00Z"), noHolidays)).toBe("2026-10-26");
    expect(dispatchDay(warsaw, at("2026-10-26T13:30:00Z"), noHolidays)).toBe("2026-10-26");
  });
});

describe("weekends, holidays and lead days", () => {
  it("waits over the weekend, and books Saturdays only for an option that delivers on them", () => {
    // Friday 2026-12-04 after the cut-off: dispatch Monday, one business day: Tuesday.
    const express = { ...newYork, leadDays: 1 };
    const fridayEvening = at("2026-12-04T21:00:00Z");
    expect(deliveryDates(express, { now: fridayEvening, isHoliday: noHolidays, count: 3 })).toEqual(["2026-12-08", "2026-12-09", "2026-12-10"]);
    // Thursday before the cut-off: dispatch Thursday, arrive Friday, then Saturday for a Saturday service.
    const saturdays = { ...express, weekdays: [1, 2, 3, 4, 5, 6] };
    expect(deliveryDates(saturdays, { now: at("2026-12-03T15:00:00Z"), isHoliday: noHolidays, count: 3 })).toEqual(["2026-12-04", "2026-12-05", "2026-12-07"]);
    // A Sunday a parcel is out for delivery on is bookable only for an option that delivers then.
    const sundays = { ...express, weekdays: [1, 2, 3, 4, 5, 7] };
    expect(deliveryDates(sundays, { now: at("2026-12-03T15:00:00Z"), isHoliday: noHolidays, count: 3 })).toEqual(["2026-12-04", "2026-12-06", "2026-12-07"]);
  });

  it("neither dispatches, moves nor delivers on a public holiday", () => {
    const thanksgiving = holidays("2026-11-26", "2026-12-25");
    const express = { ...newYork, leadDays: 1 };
    // Wednesday 2026-11-25 before the cut-off: dispatch Wednesday; Thursday is Thanksgiving, so the
    // one business day ends Friday.
    expect(deliveryDates(express, { now: at("2026-11-25T15:00:00Z"), isHoliday: thanksgiving, count: 3 })).toEqual(["2026-11-27", "2026-11-30", "2026-12-01"]);
    // On Thanksgiving morning nothing leaves: dispatch Friday, arrive Monday.
    expect(dispatchDay(express, at("2026-11-26T14:00:00Z"), thanksgiving)).toBe("2026-11-27");
    // Christmas (a Friday) is never bookable.
    const december = deliveryDates(express, { now: at("2026-12-21T15:00:00Z"), isHoliday: thanksgiving, count: 5 });
    expect(december).toEqual(["2026-12-22", "2026-12-23", "2026-12-24", "2026-12-28", "2026-12-29"]);
  });

  it("counts lead days in business days, across the year's end", () => {
    const newYearsDay = holidays("2027-01-01");
    // Wednesday 2026-12-30 after the cut-off: dispatch Thursday 31st; three business days skip New
    // Year's Day and the weekend: Monday, Tuesday, Wednesday.
    const slow = { ...newYork, leadDays: 3 };
    expect(deliveryDates(slow, { now: at("2026-12-30T20:00:00Z"), isHoliday: newYearsDay, count: 2 })).toEqual(["2027-01-06", "2027-01-07"]);
    // Lead 0: delivered the day it leaves.
    const sameDay = { ...newYork, leadDays: 0 };
    expect(deliveryDates(sameDay, { now: at("2026-12-30T15:00:00Z"), isHoliday: newYearsDay, count: 3 })).toEqual(["2026-12-30", "2026-12-31", "2027-01-04"]);
  });

  it("gives exactly the number of dates asked for, earliest first", () => {
    const dates = deliveryDates(newYork, { now: at("2026-12-01T15:00:00Z"), isHoliday: noHolidays, count: 10 });
    expect(dates).toHaveLength(10);
    expect([...dates].sort()).toEqual(dates);
    expect(dates.every((day) => isoWeekday(day) <= 5)).toBe(true);
  });
});

describe("the next cut-off", () => {
  it("is today's cut-off before it, tomorrow's from it on, in the option's zone", () => {
    expect(nextCutoff(newYork, at("2026-12-01T15:00:00Z")).toISOString()).toBe("2026-12-01T19:00:00.000Z");
    expect(nextCutoff(newYork, at("2026-12-01T19:00:00Z")).toISOString()).toBe("2026-12-02T19:00:00.000Z");
    // Saturday evening in Warsaw before summer time: Sunday's 15:00 is already CEST (13:00 UTC).
    expect(nextCutoff(warsaw, at("2026-03-28T20:00:00Z")).toISOString()).toBe("2026-03-29T13:00:00.000Z");
  });
});
