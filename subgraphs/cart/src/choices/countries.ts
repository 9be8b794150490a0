// The countries an address may name, and what the cart checks of an address in each, as data: the
// ISO 3166-1 alpha-2 codes (all 249 officially assigned), the postal code format of the countries
// the shop ships to and a few neighbours, and the subdivisions of the countries whose addresses need
// one (a US state, a Canadian province: tax and carriers depend on it). A country with no format
// here takes any short postal code of letters, digits, spaces and hyphens.

/** ISO 3166-1 alpha-2, officially assigned codes. */
export const COUNTRY_CODES: ReadonlySet<string> = new Set([
  "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ",
  "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ",
  "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ",
  "DE", "DJ", "DK", "DM", "DO", "DZ",
  "EC", "EE", "EG", "EH", "ER", "ES", "ET",
  "FI", "FJ", "FK", "FM", "FO", "FR",
  "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY",
  "HK", "HM", "HN", "HR", "HT", "HU",
  "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT",
  "JE", "JM", "JO", "JP",
  "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ",
  "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY",
  "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ",
  "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ",
  "OM",
  "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY",
  "QA",
  "RE", "RO", "RS", "RU", "RW",
  "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ",
  "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ",
  "UA", "UG", "UM", "US", "UY", "UZ",
  "VA", "VC", "VE", "VG", "VI", "VN", "VU",
  "WF", "WS",
  "YE", "YT",
  "ZA", "ZM", "ZW",
]);

/** A country's postal code: the format it must match, and its canonical spelling once it does. */
export interface PostalFormat {
  /** Matched against the code upper-cased, with runs of spaces made one. */
  pattern: RegExp;
  /** What the shopper sees in a refusal. */
  example: string;
  /** The canonical spelling of a matching code (e.g. the space of a UK code put back). */
  canonical?: (code: string) => string;
}

/** Codes written with a space before their last three characters (UK, Canada). */
const spacedBeforeLastThree = (code: string) => {
  const compact = code.replace(/ /g, "");
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
};

export const POSTAL_FORMATS: Readonly<Record<string, PostalFormat>> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: "12345 or 12345-6789" },
  PL: { pattern: /^\d{2}-\d{3}$/, example: "12-345" },
  DE: { pattern: /^\d{5}$/, example: "12345" },
  FR: { pattern: /^\d{5}$/, example: "75008" },
  // Royal Mail's outward and inward codes (GIR 0AA is Girobank's, still in use).
  GB: { pattern: /^([A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|GIR ?0AA)$/, example: "SW1A 1AA", canonical: spacedBeforeLastThree },
  // Canada Post never uses D, F, I, O, Q or U, nor W or Z in first place.
  CA: { pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$/, example: "K1A 0B1", canonical: spacedBeforeLastThree },
  // PostNL: four digits (no leading zero) and two letters, never SA, SD or SS.
  NL: { pattern: /^[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}$/, example: "1234 AB", canonical: (code) => `${code.slice(0, 4)} ${code.slice(-2)}` },
};

/** Any other country's postal code: short, letters, digits, spaces and hyphens. */
export const OTHER_POSTAL_CODE = /^[A-Z0-9][A-Z0-9 -]{0,14}$/;

/** ISO 3166-2 subdivisions of the countries where an address needs one, without the country prefix. */
export const REQUIRED_SUBDIVISIONS: Readonly<Record<string, { name: string; codes: ReadonlySet<string> }>> = {
  // The 50 states, the District of Columbia and the six outlying areas of ISO 3166-2:US.
  US: {
    name: "state",
    codes: new Set([
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
      "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
      "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
      "DC", "AS", "GU", "MP", "PR", "UM", "VI",
    ]),
  },
  // The ten provinces and three territories of ISO 3166-2:CA.
  CA: { name: "province", codes: new Set(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]) },
};
