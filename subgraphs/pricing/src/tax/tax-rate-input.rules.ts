// What an admin may write as a tax rate: codes in ISO form and rates from 0 to 100%. Every problem
// is an INVALID_ARGUMENT naming its input field, all reported at once. Pure.
import { DomainError, type UserErrorData } from "@trolley/errors";
import type { TaxRateInput } from "./tax-rate.type.js";

export type TaxRateEntry = Omit<TaxRateInput, "provinceCode"> & { provinceCode: string | null };

export function taxRateFromInput(input: TaxRateInput): TaxRateEntry {
  const problems: UserErrorData[] = [];
  const at = (field: string, message: string) => problems.push({ code: "INVALID_ARGUMENT", field: ["input", field], message });
  const countryCode = input.countryCode.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) at("countryCode", "countryCode must be an ISO 3166-1 alpha-2 code such as US.");
  const provinceCode = input.provinceCode == null ? null : input.provinceCode.trim().toUpperCase();
  if (provinceCode !== null && !/^[A-Z0-9]{1,3}$/.test(provinceCode)) at("provinceCode", "provinceCode must be a subdivision code such as CA, or left out.");
  for (const name of ["standardPpm", "reducedPpm", "zeroPpm"] as const) {
    if (!Number.isInteger(input[name]) || input[name] < 0 || input[name] > 1_000_000) at(name, `${name} must be from 0 to 1000000 (100%).`);
  }
  const [first, ...rest] = problems;
  if (first) throw DomainError.of([first, ...rest]);
  return { ...input, countryCode, provinceCode };
}
