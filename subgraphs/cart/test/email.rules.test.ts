import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import { MAX_EMAIL_LENGTH, normalisedEmail } from "../src/choices/email.rules.js";

const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  throw new Error("not refused");
};

describe("normalisedEmail", () => {
  it("trims the email and lower-cases its domain, keeping the mailbox as entered", () => {
    expect(normalisedEmail("  Ada.Lovelace+Orders@Example.COM \t")).toBe("Ada.Lovelace+Orders@example.com");
    expect(normalisedEmail("o'brien@mail.example.co.uk")).toBe("o'brien@mail.example.co.uk");
    expect(normalisedEmail("shop@xn--bcher-kva.example")).toBe("shop@xn--bcher-kva.example");
  });

  it("takes an email of exactly 254 characters", () => {
    // 64 + 1 + 189 = 254: a local part at its limit and a domain of three 61-letter labels and "com".
    const email = `${"a".repeat(64)}@${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.com`;
    expect(email).toHaveLength(MAX_EMAIL_LENGTH);
    expect(normalisedEmail(email)).toBe(email);
  });

  it.each([
    ["blank", "   "],
    ["no @", "ada.example.com"],
    ["nothing before the @", "@example.com"],
    ["nothing after the @", "ada@"],
    ["two @", "ada@lovelace@example.com"],
    ["a space inside", "ada lovelace@example.com"],
    ["a leading dot", ".ada@example.com"],
    ["two dots in a row", "ada..lovelace@example.com"],
    ["a trailing dot in the mailbox", "ada.@example.com"],
    ["a domain without a dot", "ada@localhost"],
    ["a domain label starting with a hyphen", "ada@-example.com"],
    ["an empty domain label", "ada@example..com"],
    ["a numeric top-level domain", "ada@example.123"],
    ["a one-letter top-level domain", "ada@example.c"],
    ["an IP literal", "ada@[127.0.0.1]"],
    ["a quoted mailbox", '"ada lovelace"@example.com'],
    ["a mailbox over 64 characters", `${"a".repeat(65)}@example.com`],
    ["over 254 characters", `${"a".repeat(64)}@${"b".repeat(61)}.${"c".repeat(61)}.${"d".repeat(61)}.comx`],
  ])("refuses %s as EMAIL_INVALID on the email", (_case, email) => {
    const [error, ...more] = refusal(() => normalisedEmail(email));
    expect(more).toEqual([]);
    expect(error).toEqual({ code: "EMAIL_INVALID", field: ["email"], message: expect.any(String) });
    expect(error!.message.length).toBeGreaterThan(10);
  });
});
