import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { computeQuote } from "../src/quote/compute-quote.js";
import { canonicalJson, quoteHash } from "../src/quote/quote-hash.js";
import type { Quote } from "../src/quote/quote.types.js";
import { line, onProducts, percentOff, promotion, quoteInput } from "./quote-fixtures.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reversed(item)]));
}

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order, and leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: "x", e: undefined }, n: null })).toBe('{"a":{"c":"x","d":[2,1]},"b":1,"n":null}');
  });
});

describe("quoteHash", () => {
  const quote = computeQuote(quoteInput({
    lines: [line("a", 1000, 2), line("b", 250)],
    promotions: [promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) })],
  }));

  it("is the SHA-256 of the canonical JSON without the hash", () => {
    expect(quoteHash({ b: 1, a: 2, hash: "ignored" } as unknown as Quote)).toBe(sha256('{"a":2,"b":1}'));
    expect(quote.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the same for the same quote whatever the order of its properties", () => {
    const reordered = reversed(quote) as Quote;
    expect(Object.keys(reordered)[0]).toBe("hash");
    expect(quoteHash(reordered)).toBe(quote.hash);
    expect(computeQuote(quoteInput({
      lines: [line("a", 1000, 2), line("b", 250)],
      promotions: [promotion("ten-a", { target: onProducts("product-a"), action: percentOff(1000) })],
    })).hash).toBe(quote.hash);
  });

  it("differs when one amount differs", () => {
    const oneCentMore = { ...quote, lines: [quote.lines[0], { ...quote.lines[1], taxMinor: quote.lines[1].taxMinor + 1 }] };
    expect(quoteHash(oneCentMore)).not.toBe(quote.hash);
    const cheaper = computeQuote(quoteInput({ lines: [line("a", 1000, 2), line("b", 249)] }));
    expect(cheaper.hash).not.toBe(quote.hash);
  });
});
