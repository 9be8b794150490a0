// Calendar days as the contract writes them ("2026-12-24"): plain strings, with the little day
// arithmetic the delivery calendar needs. A day has no time and no zone; arithmetic goes through
// UTC midnights, where every day is 24 hours long.
const DAY_MS = 86_400_000;

/** 2026-12-24 -> its UTC midnight in ms. */
function utcMidnight(day: string): number {
  const [year, month, date] = day.split("-").map(Number);
  return Date.UTC(year, month - 1, date);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `days` after (or before, when negative) `day`. */
export function addDays(day: string, days: number): string {
  return fromUtc(utcMidnight(day) + days * DAY_MS);
}

/** ISO weekday: 1 Monday ... 7 Sunday. */
export function isoWeekday(day: string): number {
  const weekday = new Date(utcMidnight(day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}
