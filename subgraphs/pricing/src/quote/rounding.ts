// Integer division rounded half to even ("banker's rounding"), the one rounding the quote uses.
// Exact halves go to the even neighbour so that, over many lines, rounding neither gains nor
// loses on average. Products of two amounts can pass 2^53, so the arithmetic is on bigint.

/** numerator / denominator rounded half-even; the denominator must be positive. */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = magnitude / denominator;
  const twiceRemainder = (magnitude % denominator) * 2n;
  const roundsUp = twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n);
  const rounded = roundsUp ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** amount × numerator / denominator, rounded half-even, as a safe integer. */
export function scaleHalfEven(amountMinor: number, numerator: number, denominator: number): number {
  return toSafeNumber(divideHalfEven(BigInt(amountMinor) * BigInt(numerator), BigInt(denominator)));
}

export const BASIS_POINTS_PER_WHOLE = 10_000;

/** A percentage in basis points (1000 = 10%) of an amount, rounded half-even once. */
export const percentOfHalfEven = (amountMinor: number, basisPoints: number) =>
  scaleHalfEven(amountMinor, basisPoints, BASIS_POINTS_PER_WHOLE);

export function toSafeNumber(value: bigint): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new RangeError(`amount ${value} out of range`);
  return result;
}
