import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, pageSize } from "../src/cursor.js";

describe("cursors", () => {
  it("round-trip their values", () => {
    expect(decodeCursor(encodeCursor(["Kettle", "b2"]), 2)).toEqual(["Kettle", "b2"]);
  });

  it.each(["", "not-base64!", encodeCursor(["only one"]), Buffer.from("{}").toString("base64url")])("refuse %j with BAD_USER_INPUT", (cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }));
  });

  it("bound page sizes", () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(0)).toBe(0);
    expect(() => pageSize(101)).toThrow(/between 0 and 100/);
    expect(() => pageSize(-1)).toThrow();
  });
});
