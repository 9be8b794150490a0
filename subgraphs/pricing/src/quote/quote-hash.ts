// A quote's fingerprint: SHA-256 over a canonical JSON of everything in it but the hash itself.
// Canonical means object keys sorted and nothing optional written as absent-or-undefined two
// ways, so two quotes with the same content hash the same whatever order their properties were
// built in; array order is kept, because line order is part of the quote.
import { createHash } from "node:crypto";
import type { Quote } from "./quote.types.js";

export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`cannot hash ${value}`);
      return JSON.stringify(value);
    case "object": {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`cannot hash a ${typeof value}`);
  }
}

/** Hex SHA-256 of the quote without its `hash`. */
export function quoteHash(quote: Omit<Quote, "hash"> | Quote): string {
  const { hash: _ignored, ...content } = quote as Quote;
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}
