// Splits an amount over lines in proportion to their weights so the parts sum exactly to the
// amount (largest remainder, also called Hamilton's method): each line first gets the floor of
// its exact share, then the cents left over go one each to the lines with the largest remainders;
// equal remainders go to the earlier line, so the same cart always splits the same way.
import { toSafeNumber } from "./rounding.js";

export function allocateByLargestRemainder(totalMinor: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalMinor) || totalMinor < 0) throw new RangeError(`cannot allocate ${totalMinor}`);
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0)) throw new RangeError("weights must be non-negative integers");
  const total = BigInt(totalMinor);
  const weightSum = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (weightSum === 0n) {
    if (total !== 0n) throw new RangeError(`cannot allocate ${totalMinor} over nothing`);
    return weights.map(() => 0);
  }

  const shares = weights.map((weight) => (total * BigInt(weight)) / weightSum);
  const remainders = weights.map((weight) => (total * BigInt(weight)) % weightSum);
  let leftOver = total - shares.reduce((sum, share) => sum + share, 0n);
  const byRemainder = weights
    .map((_, index) => index)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[b] > remainders[a] ? 1 : -1));
  for (const index of byRemainder) {
    if (leftOver === 0n) break;
    shares[index] += 1n;
    leftOver -= 1n;
  }
  return shares.map(toSafeNumber);
}
