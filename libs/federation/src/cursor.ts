// Opaque pagination cursors: base64url of a JSON tuple. Clients must treat them as opaque; a
// malformed cursor is a client error, not a server one.
import { badUserInput } from "@trolley/errors";

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === "string" || typeof v === "number")) {
      return values;
    }
  } catch {
    // fall through
  }
  throw badUserInput("`after` is not a cursor this API issued.");
}

/** `first` bounds shared by every connection. */
export function pageSize(first: number | null | undefined, max = 100): number {
  const size = first ?? 20;
  if (!Number.isInteger(size) || size < 0 || size > max) throw badUserInput(`\`first\` must be between 0 and ${max}.`);
  return size;
}
