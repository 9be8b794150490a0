// The shipping address, as plain functions: what an entered address must be to be kept (every
// field at fault reported at once, as SHIPPING_ADDRESS_INVALID naming the input field), its
// normalised form (trimmed; country, province and postal codes upper-cased and canonically
// spaced), and how a stored one is read back. Countries and their formats are data (countries.ts).
import { DomainError, type UserErrorData } from "@trolley/errors";
import { COUNTRY_CODES, OTHER_POSTAL_CODE, POSTAL_FORMATS, REQUIRED_SUBDIVISIONS } from "./countries.js";

/** An address the cart keeps: every field normalised, optional ones null when not given. */
export interface ShippingAddress {
  fullName: string;
  line1: string;
  line2: string | null;
  city: string;
  provinceCode: string | null;
  postalCode: string;
  countryCode: string;
  phone: string | null;
}

/** What a shopper enters (the cart's AddressInput). */
export interface EnteredAddress {
  fullName: string;
  line1: string;
  line2?: string | null;
  city: string;
  provinceCode?: string | null;
  postalCode: string;
  countryCode: string;
  phone?: string | null;
}

/** Longest value of each field, after trimming: what fits a label and carriers' address lines. */
export const ADDRESS_FIELD_LIMITS = { fullName: 100, line1: 100, line2: 100, city: 80, provinceCode: 6, postalCode: 16, countryCode: 2, phone: 32 } as const;

type FieldName = keyof typeof ADDRESS_FIELD_LIMITS;

/** A label prints one line per field: tabs and line breaks have no place in one. */
const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;
const PHONE = /^\+?[0-9 ().-]+$/;
/** E.164 allows at most 15 digits; no dialable number has fewer than 5. */
const PHONE_DIGITS = { min: 5, max: 15 };
/** The part of an ISO 3166-2 code after the country: one to three letters or digits. */
const SUBDIVISION = /^[A-Z0-9]{1,3}$/;

const problem = (field: FieldName, message: string): UserErrorData => ({ code: "SHIPPING_ADDRESS_INVALID", message, field: ["address", field] });

/**
 * The address the cart keeps for `entered`, or SHIPPING_ADDRESS_INVALID with one userError per
 * field at fault (`field: ["address", "postalCode"]`).
 */
export function validAddress(entered: EnteredAddress): ShippingAddress {
  const problems: UserErrorData[] = [];
  /** The field trimmed; null when not given; undefined when refused (its problem is recorded: one per field). */
  const text = (field: FieldName, required: boolean, label: string): Checked => {
    const value = (entered[field] ?? "").trim();
    if (value === "") {
      if (!required) return null;
      problems.push(problem(field, `Enter the ${label}.`));
      return undefined;
    }
    if (value.length > ADDRESS_FIELD_LIMITS[field]) {
      problems.push(problem(field, `The ${label} has at most ${ADDRESS_FIELD_LIMITS[field]} characters.`));
      return undefined;
    }
    if (LINE_BREAK_OR_TAB.test(value)) {
      problems.push(problem(field, `The ${label} must be on one line.`));
      return undefined;
    }
    return value;
  };

  const fullName = text("fullName", true, "recipient's full name");
  const line1 = text("line1", true, "street address");
  const line2 = text("line2", false, "second address line");
  const city = text("city", true, "city");
  const phone = checkedPhone(text("phone", false, "phone number"), problems);
  const countryCode = checkedCountry(text("countryCode", true, "country")?.toUpperCase(), problems);
  const postalCode = checkedPostalCode(text("postalCode", true, "postal code"), countryCode, problems);
  const provinceCode = checkedProvince(text("provinceCode", false, "state or province"), countryCode, entered.countryCode, problems);

  const [first, ...rest] = problems;
  if (first) throw DomainError.of([first, ...rest]);
  return { fullName: fullName!, line1: line1!, line2: line2 ?? null, city: city!, provinceCode: provinceCode ?? null, postalCode: postalCode!, countryCode: countryCode!, phone: phone ?? null };
}

/** A field's value; null when not given; undefined when refused (its problem recorded). */
type Checked = string | null | undefined;

/** The country, when it is a code of ISO 3166-1. */
function checkedCountry(code: Checked, problems: UserErrorData[]): Checked {
  if (code === null || code === undefined) return code;
  if (!COUNTRY_CODES.has(code)) {
    problems.push(problem("countryCode", `"${code}" is not a country code: use ISO 3166-1 alpha-2, such as US, PL or DE.`));
    return undefined;
  }
  return code;
}

/** The postal code upper-cased, single-spaced and in its country's canonical form; it must fit the country. */
function checkedPostalCode(entered: Checked, countryCode: Checked, problems: UserErrorData[]): Checked {
  if (entered === null || entered === undefined) return entered;
  const code = entered.toUpperCase().replace(/\s+/g, " ");
  // Without a known country there is no format to judge it by; the country's own problem says why.
  if (!countryCode) return code;
  const format = POSTAL_FORMATS[countryCode];
  if (!format) {
    if (OTHER_POSTAL_CODE.test(code)) return code;
    problems.push(problem("postalCode", "A postal code holds letters, digits, spaces and hyphens."));
    return undefined;
  }
  if (!format.pattern.test(code)) {
    problems.push(problem("postalCode", `This is not a postal code of ${countryCode}: it is written like ${format.example}.`));
    return undefined;
  }
  return format.canonical ? format.canonical(code) : code;
}

/**
 * The subdivision without its country prefix ("US-CA" and "ca" are both "CA"): required and one of
 * the country's where addresses need one (US states, Canadian provinces), optional elsewhere.
 */
function checkedProvince(entered: Checked, countryCode: Checked, enteredCountry: string, problems: UserErrorData[]): Checked {
  if (entered === undefined) return undefined;
  const prefix = `${(countryCode ?? enteredCountry.trim()).toUpperCase()}-`;
  const upper = entered?.toUpperCase() ?? null;
  const code = upper?.startsWith(prefix) ? upper.slice(prefix.length) : upper;
  const required = countryCode ? REQUIRED_SUBDIVISIONS[countryCode] : undefined;
  if (required) {
    if (code === null) {
      problems.push(problem("provinceCode", `Enter the ${required.name}: an address in ${countryCode} needs one.`));
      return undefined;
    }
    if (!required.codes.has(code)) {
      problems.push(problem("provinceCode", `"${code}" is not a ${required.name} of ${countryCode}: use its two-letter code, such as ${[...required.codes][0]}.`));
      return undefined;
    }
    return code;
  }
  if (code !== null && !SUBDIVISION.test(code)) {
    problems.push(problem("provinceCode", "A province code is the one to three letters or digits of its ISO 3166-2 code, such as 14 in PL-14."));
    return undefined;
  }
  return code;
}

function checkedPhone(phone: Checked, problems: UserErrorData[]): Checked {
  if (phone === null || phone === undefined) return phone;
  const digits = phone.replace(/\D/g, "").length;
  if (!PHONE.test(phone) || digits < PHONE_DIGITS.min || digits > PHONE_DIGITS.max) {
    problems.push(problem("phone", `A phone number holds ${PHONE_DIGITS.min} to ${PHONE_DIGITS.max} digits, with an optional leading + and spaces, dots, hyphens or brackets.`));
    return undefined;
  }
  return phone;
}

/** Every field the same: setting it again changes nothing. */
export const sameAddress = (a: ShippingAddress | null, b: ShippingAddress | null): boolean =>
  a === b || (a !== null && b !== null && (Object.keys(ADDRESS_FIELD_LIMITS) as FieldName[]).every((field) => a[field] === b[field]));

/**
 * The same place to ship to: the fields the shipping context judges a selection by. A new name,
 * street or phone in the same postal code cannot make a selection stop fitting.
 */
export const sameShippingPlace = (a: ShippingAddress | null, b: ShippingAddress | null): boolean =>
  a === b || (a !== null && b !== null && a.countryCode === b.countryCode && a.provinceCode === b.provinceCode && a.postalCode === b.postalCode);

/**
 * The address a cart row holds (the JSON validAddress's result was stored as), or null. A stored
 * value of another shape is read as no address rather than failing every read of the cart.
 */
export function storedAddress(stored: unknown): ShippingAddress | null {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const value = stored as Record<string, unknown>;
  const text = (field: FieldName) => (typeof value[field] === "string" ? (value[field] as string) : null);
  const [fullName, line1, city, postalCode, countryCode] = (["fullName", "line1", "city", "postalCode", "countryCode"] as const).map(text);
  if (fullName === null || line1 === null || city === null || postalCode === null || countryCode === null) return null;
  return { fullName, line1, line2: text("line2"), city, provinceCode: text("provinceCode"), postalCode, countryCode, phone: text("phone") };
}
