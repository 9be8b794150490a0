import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import {
  codesStoppedApplying,
  couldStopApplying,
  enteredCode,
  judgedCartIsLocked,
  refusalOf,
  standingAcross,
} from "../src/discount-codes/discount-code.rules.js";

const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  throw new Error("not refused");
};

describe("enteredCode", () => {
  it("holds the code trimmed, as entered otherwise", () => {
    expect(enteredCode("  Summer-10 \n")).toBe("Summer-10");
    expect(enteredCode("x".repeat(64))).toBe("x".repeat(64));
  });

  it("refuses a blank code and one longer than 64 characters as DISCOUNT_CODE_INVALID", () => {
    for (const code of ["", "   ", "x".repeat(65), ` ${"x".repeat(65)} `]) {
      expect(refusal(() => enteredCode(code))).toEqual([expect.objectContaining({ code: "DISCOUNT_CODE_INVALID", field: ["code"] })]);
    }
  });
});

describe("refusalOf", () => {
  it("is nothing for OK, and pricing's outcome and words on the code otherwise", () => {
    expect(refusalOf({ outcome: "OK", code: "SUMMER10", message: "The code applies." })).toBeNull();
    expect(refusalOf({ outcome: "DISCOUNT_CODE_EXPIRED", code: "SUMMER10", message: "This code has expired." })?.errors).toEqual([
      { code: "DISCOUNT_CODE_EXPIRED", message: "This code has expired.", field: ["code"] },
    ]);
    expect(refusalOf({ outcome: "TOO_MANY_ATTEMPTS", code: null, message: "Too many codes were tried." })?.code).toBe("TOO_MANY_ATTEMPTS");
  });
});

describe("codes that stopped applying", () => {
  it("only a code held before and after the change can stop applying", () => {
    expect(couldStopApplying([], ["a"])).toBe(false);
    expect(couldStopApplying(["a"], [])).toBe(false);
    expect(couldStopApplying(["a", "b"], ["c", "b"])).toBe(true);
  });

  it("warns for each code that applied before and not after, on discountCodes", () => {
    const warnings = codesStoppedApplying([
      { code: "A", applicableBefore: true, applicableAfter: false },
      { code: "B", applicableBefore: true, applicableAfter: true },
      { code: "C", applicableBefore: false, applicableAfter: false },
      { code: "D", applicableBefore: false, applicableAfter: true },
    ]);
    expect(warnings).toEqual([{ code: "DISCOUNT_CODE_NOT_APPLICABLE_NOW", field: ["discountCodes"], message: expect.stringContaining("A no longer applies") }]);
  });

  it("a merge's code applied before if it applied in either cart", () => {
    const fromUser = [
      { code: "A", applicableBefore: true, applicableAfter: false },
      { code: "G", applicableBefore: false, applicableAfter: false },
    ];
    const fromGuest = [
      { code: "A", applicableBefore: false, applicableAfter: false },
      { code: "G", applicableBefore: true, applicableAfter: false },
    ];
    expect(standingAcross([fromUser, fromGuest])).toEqual([
      { code: "A", applicableBefore: true, applicableAfter: false },
      { code: "G", applicableBefore: true, applicableAfter: false },
    ]);
  });
});

describe("judgedCartIsLocked", () => {
  const judged = {
    cart: { id: "c1" },
    lines: [{ productId: "p", quantity: 2 }, { productId: "q", quantity: 1 }],
    codes: [{ codeKey: "a" }],
  };

  it("holds for the same cart, lines (in any order) and codes", () => {
    expect(judgedCartIsLocked(judged, { ...judged, lines: [...judged.lines].reverse() })).toBe(true);
  });

  it("fails for another cart, another quantity, a line fewer, or other codes", () => {
    expect(judgedCartIsLocked(judged, { ...judged, cart: { id: "c2" } })).toBe(false);
    expect(judgedCartIsLocked(judged, { ...judged, lines: [{ productId: "p", quantity: 3 }, { productId: "q", quantity: 1 }] })).toBe(false);
    expect(judgedCartIsLocked(judged, { ...judged, lines: [{ productId: "p", quantity: 2 }] })).toBe(false);
    expect(judgedCartIsLocked(judged, { ...judged, codes: [{ codeKey: "a" }, { codeKey: "b" }] })).toBe(false);
  });
});
