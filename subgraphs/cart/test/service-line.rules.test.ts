// The cart's rules about its services, without a database: which line a service goes with, how the
// catalog's answer reads as a refusal, quantities, what leaves with a line, and what a merge carries.
import { describe, expect, it } from "vitest";
import { DomainError, type UserErrorData } from "@trolley/errors";
import { lineForService, linesLeaving, refusalOf, serviceLineQuantity, serviceLinesToMerge } from "../src/service-lines/service-line.rules.js";

const refusedWith = (...errors: UserErrorData[]) => expect.objectContaining({ name: DomainError.name, errors });
const installation = { id: "appliance-installation", title: "Appliance installation", kind: "FOR_LINE" as const };
const giftWrap = { id: "gift-wrap", title: "Gift wrap", kind: "STANDALONE" as const };

describe("the line a service goes with", () => {
  const lines = [
    { id: "l1", productId: "washer" },
    { id: "l2", productId: "dryer" },
  ];

  it("is one of the cart's lines, by id; any other id is LINE_NOT_FOUND", () => {
    expect(lineForService(lines, "l2")).toEqual({ id: "l2", productId: "dryer" });
    expect(() => lineForService(lines, "washer")).toThrow(refusedWith({ code: "LINE_NOT_FOUND", message: "The cart has no line with this id.", field: ["lineId"] }));
    expect(() => lineForService([], "l1")).toThrow(refusedWith({ code: "LINE_NOT_FOUND", message: "The cart has no line with this id.", field: ["lineId"] }));
  });
});

describe("the catalog's answer about a service", () => {
  it("lets an available service through", () => {
    expect(refusalOf({ service: installation, available: true }, "l1")).toBeNull();
    expect(refusalOf({ service: giftWrap, available: true }, null)).toBeNull();
  });

  it("reads as SERVICE_NOT_AVAILABLE, saying whether to give a line, leave it out, or that the product does not offer it", () => {
    expect(refusalOf({ service: null, available: false }, null)).toEqual(
      refusedWith({ code: "SERVICE_NOT_AVAILABLE", message: "No such service is offered.", field: ["serviceId"] }),
    );
    expect(refusalOf({ service: installation, available: false }, null)).toEqual(
      refusedWith({ code: "SERVICE_NOT_AVAILABLE", message: "Appliance installation goes with a cart line: give the line's id.", field: ["lineId"] }),
    );
    expect(refusalOf({ service: giftWrap, available: false }, "l1")).toEqual(
      refusedWith({ code: "SERVICE_NOT_AVAILABLE", message: "Gift wrap is added to the cart itself, not to a line: leave the line's id out.", field: ["lineId"] }),
    );
    expect(refusalOf({ service: installation, available: false }, "l1")).toEqual(
      refusedWith({ code: "SERVICE_NOT_AVAILABLE", message: "Appliance installation is not offered for this product.", field: ["serviceId"] }),
    );
  });
});

describe("a service line's quantity", () => {
  it("follows its line's; a standalone service is one", () => {
    expect(serviceLineQuantity(3)).toBe(3);
    expect(serviceLineQuantity(null)).toBe(1);
  });
});

describe("the lines a change takes out of the cart", () => {
  const lines = [
    { id: "l1", productId: "washer" },
    { id: "l2", productId: "dryer" },
    { id: "l3", productId: "fridge" },
  ];

  it("are those set to 0 and those saved for later, not those whose quantity changes or that are added", () => {
    expect(
      linesLeaving(lines, [
        { productId: "washer", quantity: 0 },
        { productId: "dryer", quantity: 2, saved: true },
        { productId: "fridge", quantity: 5 },
        { productId: "oven", quantity: 1 },
      ]),
    ).toEqual(["l1", "l2"]);
    expect(linesLeaving(lines, [])).toEqual([]);
    // A product the cart has no line for takes nothing out.
    expect(linesLeaving(lines, [{ productId: "oven", quantity: 0 }])).toEqual([]);
  });
});

describe("a guest's services on merge", () => {
  const guestLines = [
    { id: "g-washer", productId: "washer" },
    { id: "g-dryer", productId: "dryer" },
    { id: "g-gone", productId: "gone" },
  ];
  const userLinesAfter = [
    { id: "u-washer", productId: "washer" },
    { id: "u-dryer", productId: "dryer" },
  ];

  it("go to the user's line of the same product, standalone ones to the cart, in the guest's order; a line that did not come along takes its services with it", () => {
    expect(
      serviceLinesToMerge(
        [
          { serviceId: "installation", lineId: "g-dryer" },
          { serviceId: "gift-wrap", lineId: null },
          { serviceId: "installation", lineId: "g-washer" },
          { serviceId: "haul-away", lineId: "g-gone" },
          { serviceId: "haul-away", lineId: "g-washer" },
        ],
        guestLines,
        userLinesAfter,
      ),
    ).toEqual([
      { serviceId: "installation", lineId: "u-dryer" },
      { serviceId: "gift-wrap", lineId: null },
      { serviceId: "installation", lineId: "u-washer" },
      { serviceId: "haul-away", lineId: "u-washer" },
    ]);
    expect(serviceLinesToMerge([], guestLines, userLinesAfter)).toEqual([]);
  });
});
