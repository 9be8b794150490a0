// An instant as a clock on the wall of an IANA time zone shows it, and back: what the cut-off hour
// is measured in. Intl knows each zone's offsets and daylight saving changes, so nothing here
// hard-codes an offset.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws a RangeError for a zone Intl does not know.
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when Intl knows the zone ("Europe/Warsaw"), false for anything else. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface WallTime {
  /** The local calendar day, YYYY-MM-DD. */
  day: string;
  hour: number;
  minute: number;
  second: number;
}

/** What a wall clock in `timeZone` shows at `instant`. */
export function wallTime(instant: Date, timeZone: string): WallTime {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((part) => [part.type, part.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** The zone's offset from UTC at `instantMs`, in ms (Warsaw in summer: +2 h). */
function offsetAt(instantMs: number, timeZone: string): number {
  const local = wallTime(new Date(instantMs), timeZone);
  const [year, month, day] = local.day.split("-").map(Number);
  const asUtc = Date.UTC(year, month - 1, day, local.hour, local.minute, local.second);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

const TWO_DAYS_MS = 2 * 86_400_000;

/**
 * The instant a wall clock in `timeZone` shows `hour`:00 on `day`. The zone's offsets two days
 * either side are the two it can have then (daylight saving changes are months apart); whichever
 * reads back as that wall time is the answer. An hour a change repeats gives the first of the two;
 * an hour a change skips gives the instant just after the gap.
 */
export function instantOf(day: string, hour: number, timeZone: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  const wall = Date.UTC(year, month - 1, date, hour);
  const before = wall - offsetAt(wall - TWO_DAYS_MS, timeZone);
  const after = wall - offsetAt(wall + TWO_DAYS_MS, timeZone);
  const shows = (ms: number) => {
    const local = wallTime(new Date(ms), timeZone);
    return local.day === day && local.hour === hour && local.minute === 0;
  };
  const matching = [before, after].filter(shows);
  return new Date(matching.length > 0 ? Math.min(...matching) : before);
}
