import { describe, expect, it } from "vitest";
import { allocateByLargestRemainder } from "../src/quote/allocation.js";

describe("allocateByLargestRemainder", () => {
  it("gives the left-over cents to the largest remainders", () => {
    // 100 over 1:1:1: exact 33.33 each; floors 33+33+33 = 99, one cent left, remainders equal,
    // so it goes to the first line.
    expect(allocateByLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 over 3:3:4 (sum 10): exact 3, 3, 4.
    expect(allocateByLargestRemainder(10, [3, 3, 4])).toEqual([3, 3, 4]);
    // 7 over 10:20:30 (sum 60): exact 1.1667, 2.3333, 3.5; floors 1+2+3 = 6, one left;
    // remainders 10/60, 20/60, 30/60: the third line's is largest.
    expect(allocateByLargestRemainder(7, [10, 20, 30])).toEqual([1, 2, 4]);
  });

  it("breaks equal remainders by line order", () => {
    // 2 over 1:1:1 (sum 3): exact 0.667 each, floors 0, two cents to the first two lines.
    expect(allocateByLargestRemainder(2, [1, 1, 1])).toEqual([1, 1, 0]);
    // 5 over 2:1:1:2 (sum 6): exact 1.667, 0.833, 0.833, 1.667; floors 1, 0, 0, 1 = 2, three left;
    // remainders (in sixths) 4, 5, 5, 4: lines 2 and 3 first, then line 1 before line 4.
    expect(allocateByLargestRemainder(5, [2, 1, 1, 2])).toEqual([2, 1, 1, 1]);
  });

  it("gives nothing to a zero weight and allocates nothing over nothing", () => {
    // 3 over 0:1:1: exact 0, 1.5, 1.5; floors 0, 1, 1 = 2; one left to the earlier of the halves.
    expect(allocateByLargestRemainder(3, [0, 1, 1])).toEqual([0, 2, 1]);
    expect(allocateByLargestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(() => allocateByLargestRemainder(1, [0, 0])).toThrow(RangeError);
  });
});
