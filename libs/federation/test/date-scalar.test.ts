// The contract's Date scalar: a calendar day, written YYYY-MM-DD, and nothing else.
import { describe, expect, it } from "vitest";
import { Kind } from "graphql";
import { DateScalar, isCalendarDay } from "../src/date-scalar.js";

describe("the Date scalar", () => {
  it("takes real calendar days, leap days included", () => {
    expect(DateScalar.parseValue("2026-12-24")).toBe("2026-12-24");
    expect(DateScalar.parseValue("2028-02-29")).toBe("2028-02-29");
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: "2027-01-04" })).toBe("2027-01-04");
    expect(DateScalar.serialize("2026-05-01")).toBe("2026-05-01");
  });

  it("refuses days that do not exist, times, other spellings and non-strings", () => {
    for (const text of ["2026-02-30", "2027-02-29", "2026-13-01", "2026-12-24T10:00:00Z", "24.12.2026", "2026-1-4", ""]) {
      expect(isCalendarDay(text)).toBe(false);
      expect(() => DateScalar.parseValue(text)).toThrow(/YYYY-MM-DD/);
    }
    expect(() => DateScalar.parseValue(20261224)).toThrow(/YYYY-MM-DD/);
    expect(() => DateScalar.parseLiteral({ kind: Kind.INT, value: "20261224" })).toThrow(/string/);
  });
});
