// What a calendar day written YYYY-MM-DD is (the contract's `Date`): one rule for the Date scalar
// (libs/federation) and the argument bounds every process applies at its edge (libs/http), the
// gateway included, which knows no scalar of its own. Kept here because both depend on this package.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}
