import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import { sameAddress, sameShippingPlace, storedAddress, validAddress, type EnteredAddress } from "../src/choices/address.rules.js";
import { COUNTRY_CODES } from "../src/choices/countries.js";

const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  throw new Error("not refused");
};

const us: EnteredAddress = { fullName: "Ada Lovelace", line1: "1 Infinite Loop", city: "Cupertino", provinceCode: "CA", postalCode: "95014", countryCode: "US" };
const pl: EnteredAddress = { fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "PL" };
const de: EnteredAddress = { fullName: "Karl Benz", line1: "Mercedesstraße 100", city: "Stuttgart", postalCode: "70372", countryCode: "DE" };

/** The fields refused, and with which code, for `entered`. */
const refusedFields = (entered: EnteredAddress) => refusal(() => validAddress(entered)).map((error) => [error.code, error.field]);

describe("validAddress keeps", () => {
  it("an address of each seeded country, trimmed, with its codes upper-cased and optional fields null", () => {
    expect(validAddress({ ...us, fullName: "  Ada Lovelace ", provinceCode: " ca", countryCode: "us ", line2: "  ", phone: "" })).toEqual({
      fullName: "Ada Lovelace",
      line1: "1 Infinite Loop",
      line2: null,
      city: "Cupertino",
      provinceCode: "CA",
      postalCode: "95014",
      countryCode: "US",
      phone: null,
    });
    expect(validAddress({ ...us, postalCode: "95014-2083", phone: "+1 (408) 996-1010" })).toMatchObject({ postalCode: "95014-2083", phone: "+1 (408) 996-1010" });
    expect(validAddress(pl)).toEqual({ ...pl, line2: null, provinceCode: null, phone: null });
    expect(validAddress({ ...de, provinceCode: "BW" })).toMatchObject({ countryCode: "DE", postalCode: "70372", provinceCode: "BW" });
  });

  it("a province given with its country prefix, without the prefix", () => {
    expect(validAddress({ ...us, provinceCode: "us-ny" }).provinceCode).toBe("NY");
    expect(validAddress({ ...pl, provinceCode: "PL-14" }).provinceCode).toBe("14");
  });

  it("postal codes of the other known formats in their canonical spelling, and any short one elsewhere", () => {
    const other = { fullName: "A B", line1: "1 Street", city: "Town" };
    expect(validAddress({ ...other, countryCode: "GB", postalCode: "sw1a1aa" }).postalCode).toBe("SW1A 1AA");
    expect(validAddress({ ...other, countryCode: "GB", postalCode: "M1  1AE" }).postalCode).toBe("M1 1AE");
    expect(validAddress({ ...other, countryCode: "CA", postalCode: "k1a0b1", provinceCode: "ON" }).postalCode).toBe("K1A 0B1");
    expect(validAddress({ ...other, countryCode: "NL", postalCode: "1012js" }).postalCode).toBe("1012 JS");
    expect(validAddress({ ...other, countryCode: "FR", postalCode: "75008" }).postalCode).toBe("75008");
    expect(validAddress({ ...other, countryCode: "JP", postalCode: "100-0001" }).postalCode).toBe("100-0001");
  });

  it("fields at their length limits", () => {
    expect(validAddress({ ...us, fullName: "N".repeat(100), line1: "L".repeat(100), line2: "M".repeat(100), city: "C".repeat(80) })).toMatchObject({ city: "C".repeat(80) });
  });
});

describe("validAddress refuses with SHIPPING_ADDRESS_INVALID on the field at fault", () => {
  it.each([
    ["a blank full name", { ...us, fullName: "  " }, "fullName"],
    ["a blank street", { ...us, line1: "" }, "line1"],
    ["a blank city", { ...de, city: " " }, "city"],
    ["a blank postal code", { ...pl, postalCode: "" }, "postalCode"],
    ["a blank country", { ...pl, countryCode: "" }, "countryCode"],
    ["an unknown country", { ...pl, countryCode: "XX" }, "countryCode"],
    ["a country name instead of its code", { ...de, countryCode: "Germany" }, "countryCode"],
    ["a reserved code that is no country", { ...de, countryCode: "UK" }, "countryCode"],
    ["a US ZIP code of four digits", { ...us, postalCode: "9501" }, "postalCode"],
    ["a US ZIP+4 without its hyphen", { ...us, postalCode: "950142083" }, "postalCode"],
    ["a Polish code without its hyphen", { ...pl, postalCode: "00227" }, "postalCode"],
    ["a German code of four digits", { ...de, postalCode: "7037" }, "postalCode"],
    ["a Dutch code with a forbidden pair of letters", { ...de, countryCode: "NL", postalCode: "1234 SS" }, "postalCode"],
    ["a US address without a state", { ...us, provinceCode: null }, "provinceCode"],
    ["a US address with a blank state", { ...us, provinceCode: "  " }, "provinceCode"],
    ["a US address with an unknown state", { ...us, provinceCode: "ZZ" }, "provinceCode"],
    ["a US address with a state's name", { ...us, provinceCode: "California" }, "provinceCode"],
    ["a Canadian address without a province", { ...us, countryCode: "CA", postalCode: "K1A 0B1", provinceCode: undefined }, "provinceCode"],
    ["a malformed province elsewhere", { ...pl, provinceCode: "MAZOWIECKIE" }, "provinceCode"],
    ["a full name over 100 characters", { ...us, fullName: "N".repeat(101) }, "fullName"],
    ["a street over 100 characters", { ...us, line1: "L".repeat(101) }, "line1"],
    ["a second line over 100 characters", { ...us, line2: "M".repeat(101) }, "line2"],
    ["a city over 80 characters", { ...us, city: "C".repeat(81) }, "city"],
    ["a postal code over 16 characters", { ...de, countryCode: "JP", postalCode: "1".repeat(17) }, "postalCode"],
    ["a street on two lines", { ...us, line1: "1 Infinite Loop\nCupertino" }, "line1"],
    ["a phone number with letters", { ...us, phone: "call me" }, "phone"],
    ["a phone number of four digits", { ...us, phone: "1234" }, "phone"],
    ["a phone number of sixteen digits", { ...us, phone: "+1234567890123456" }, "phone"],
  ] as const)("%s", (_case, entered: EnteredAddress, field) => {
    expect(refusedFields(entered)).toEqual([["SHIPPING_ADDRESS_INVALID", ["address", field]]]);
  });

  it("every field at fault at once", () => {
    expect(refusedFields({ fullName: "", line1: "", city: "Cupertino", provinceCode: "ZZ", postalCode: "9501", countryCode: "us" })).toEqual([
      ["SHIPPING_ADDRESS_INVALID", ["address", "fullName"]],
      ["SHIPPING_ADDRESS_INVALID", ["address", "line1"]],
      ["SHIPPING_ADDRESS_INVALID", ["address", "postalCode"]],
      ["SHIPPING_ADDRESS_INVALID", ["address", "provinceCode"]],
    ]);
  });

  it("an unknown country without judging the postal code or province by another country's rules", () => {
    expect(refusedFields({ ...us, countryCode: "QQ" })).toEqual([["SHIPPING_ADDRESS_INVALID", ["address", "countryCode"]]]);
  });
});

describe("the country list", () => {
  it("is the 249 codes ISO 3166-1 assigns, each one the runtime's region names know", () => {
    expect(COUNTRY_CODES.size).toBe(249);
    const names = new Intl.DisplayNames(["en"], { type: "region" });
    expect([...COUNTRY_CODES].filter((code) => names.of(code) === code)).toEqual([]);
    for (const code of ["US", "PL", "DE", "GB", "FR", "CA", "NL", "AX", "SS", "XK"]) expect(COUNTRY_CODES.has(code), code).toBe(code !== "XK");
  });
});

describe("comparing addresses", () => {
  const a = validAddress(us);

  it("the same address in every field", () => {
    expect(sameAddress(a, validAddress({ ...us, fullName: " Ada Lovelace " }))).toBe(true);
    expect(sameAddress(a, validAddress({ ...us, phone: "+1 408 996 1010" }))).toBe(false);
    expect(sameAddress(null, null)).toBe(true);
    expect(sameAddress(a, null)).toBe(false);
  });

  it("the same place: country, province and postal code, whatever the name, street or phone", () => {
    expect(sameShippingPlace(a, validAddress({ ...us, fullName: "Charles Babbage", line1: "2 Infinite Loop", phone: "+1 408 996 1010" }))).toBe(true);
    expect(sameShippingPlace(a, validAddress({ ...us, postalCode: "95015" }))).toBe(false);
    expect(sameShippingPlace(a, validAddress({ ...us, provinceCode: "NY" }))).toBe(false);
    expect(sameShippingPlace(null, a)).toBe(false);
  });
});

describe("storedAddress", () => {
  it("reads back what validAddress kept, and anything else as no address", () => {
    const kept = validAddress({ ...pl, line2: "m. 4", phone: "+48 22 123 45 67" });
    expect(storedAddress(JSON.parse(JSON.stringify(kept)))).toEqual(kept);
    expect(storedAddress(null)).toBeNull();
    expect(storedAddress(["PL"])).toBeNull();
    expect(storedAddress({ ...kept, city: 7 })).toBeNull();
  });
});
