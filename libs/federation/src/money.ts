// Money is integer minor units inside the system and a decimal string outside it; no float ever
// touches an amount. The number of minor digits comes from the currency (ISO 4217).

const minorDigitsByCurrency: Record<string, number> = {
  JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0,
  BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3,
};

export const minorDigits = (currencyCode: string) => minorDigitsByCurrency[currencyCode] ?? 2;

/** 1999, "USD" -> "19.99"; -5, "USD" -> "-0.05"; 500, "JPY" -> "500". */
export function formatMinor(amountMinor: number | bigint, currencyCode: string): string {
  const value = BigInt(amountMinor);
  const digits = minorDigits(currencyCode);
  const sign = value < 0n ? "-" : "";
  const abs = (value < 0n ? -value : value).toString().padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * The largest unit price the shop takes: 999999.99 in a two-digit currency. It keeps every unit
 * price within a 32-bit column, and every total (at most 100 lines of 999 units) below 10^13 minor
 * units, far inside the safe integer range; totals are stored as BIGINT.
 */
export const MAX_UNIT_PRICE_MINOR = 99_999_999;

/** Sums amounts exactly; throws if the result leaves the safe integer range. */
export function sumMinor(amounts: Iterable<number>): number {
  let sum = 0;
  for (const amount of amounts) sum += amount;
  if (!Number.isSafeInteger(sum)) throw new RangeError("amount out of range");
  return sum;
}

/** A BIGINT amount as Postgres returns it, as a number; throws past the safe integer range. */
export function minorFromColumn(value: bigint | number): number {
  const amount = Number(value);
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount ${value} out of range`);
  return amount;
}

/** Multiplies exactly in integers; throws if the result leaves the safe integer range. */
export function multiplyMinor(unitMinor: number, quantity: number): number {
  const result = unitMinor * quantity;
  if (!Number.isSafeInteger(result)) throw new RangeError("amount out of range");
  return result;
}

/** "19.99", "USD" -> 1999. Null unless the text is a plain non-negative decimal with at most the currency's digits. */
export function parseAmount(text: string, currencyCode: string): number | null {
  const digits = minorDigits(currencyCode);
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text.trim());
  if (!match || (match[2] ?? "").length > digits) return null;
  const minor = Number(match[1]) * 10 ** digits + Number((match[2] ?? "").padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}
