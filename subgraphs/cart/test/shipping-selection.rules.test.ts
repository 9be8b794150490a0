import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import type { ShippingJudgement } from "@trolley/federation";
import { validAddress, type ShippingAddress } from "../src/choices/address.rules.js";
import {
  addressChange,
  chosenSelection,
  judgedForLocked,
  MAX_ADD_ONS,
  refusalOf,
  sameSelection,
  selectionOf,
  selectionToJudge,
  type ShippedCart,
  type ShippingSelection,
} from "../src/choices/shipping-selection.rules.js";

const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof DomainError) return error.errors;
    throw error;
  }
  throw new Error("not refused");
};

const warsaw = validAddress({ fullName: "Maria Skłodowska", line1: "ul. Freta 16", city: "Warszawa", postalCode: "00-227", countryCode: "PL" });
const krakow = validAddress({ fullName: "Maria Skłodowska", line1: "Rynek Główny 1", city: "Kraków", postalCode: "31-042", countryCode: "PL" });
const berlin = validAddress({ fullName: "Maria Skłodowska", line1: "Unter den Linden 1", city: "Berlin", postalCode: "10117", countryCode: "DE" });
const standard: ShippingSelection = { optionId: "pl-standard", deliveryDate: "2026-12-22", addOnIds: ["carry-in"] };

/** A cart with `lines` (product and quantity), an address and a selection, as rows hold them. */
function cart(lines: [string, number][], address: ShippingAddress | null, selection: ShippingSelection | null, id = "cart-1"): ShippedCart {
  return {
    cart: {
      id,
      shippingAddress: address && JSON.parse(JSON.stringify(address)),
      shippingOptionId: selection?.optionId ?? null,
      deliveryDate: selection?.deliveryDate ? new Date(`${selection.deliveryDate}T00:00:00Z`) : null,
      shippingAddOnIds: selection?.addOnIds ?? [],
    },
    lines: lines.map(([productId, quantity]) => ({ productId, quantity })),
  };
}

describe("chosenSelection", () => {
  it("trims the ids and makes the add-ons a set, in ascending order", () => {
    expect(chosenSelection({ optionId: " pl-express ", deliveryDate: "2026-12-24", addOnIds: ["sunday", " carry-in", "sunday"] })).toEqual({
      optionId: "pl-express",
      deliveryDate: "2026-12-24",
      addOnIds: ["carry-in", "sunday"],
    });
    expect(chosenSelection({ optionId: "pl-standard" })).toEqual({ optionId: "pl-standard", deliveryDate: null, addOnIds: [] });
    expect(chosenSelection({ optionId: "pl-standard", deliveryDate: null, addOnIds: null })).toEqual({ optionId: "pl-standard", deliveryDate: null, addOnIds: [] });
  });

  it("refuses ids no option or add-on can have, with the code shipping would answer, on the argument", () => {
    expect(refusal(() => chosenSelection({ optionId: "  " }))).toEqual([expect.objectContaining({ code: "SHIPPING_OPTION_UNAVAILABLE", field: ["optionId"] })]);
    expect(refusal(() => chosenSelection({ optionId: "o".repeat(101) }))).toEqual([expect.objectContaining({ code: "SHIPPING_OPTION_UNAVAILABLE", field: ["optionId"] })]);
    expect(refusal(() => chosenSelection({ optionId: "pl-standard", addOnIds: ["sunday", ""] }))).toEqual([
      expect.objectContaining({ code: "SHIPPING_ADD_ON_UNAVAILABLE", field: ["addOnIds"] }),
    ]);
    expect(refusal(() => chosenSelection({ optionId: "pl-standard", deliveryDate: "2026-02-30" }))).toEqual([
      expect.objectContaining({ code: "DELIVERY_DATE_UNAVAILABLE", field: ["deliveryDate"] }),
    ]);
  });

  it(`takes at most ${MAX_ADD_ONS} distinct add-ons`, () => {
    const ids = Array.from({ length: MAX_ADD_ONS }, (_, i) => `add-on-${i}`);
    expect(chosenSelection({ optionId: "o", addOnIds: [...ids, ids[0]!] }).addOnIds).toHaveLength(MAX_ADD_ONS);
    expect(refusal(() => chosenSelection({ optionId: "o", addOnIds: [...ids, "one-more"] }))).toEqual([
      expect.objectContaining({ code: "INVALID_ARGUMENT", field: ["addOnIds"] }),
    ]);
  });
});

describe("the selection a cart holds", () => {
  it("is read from the row: none without an option, the day as YYYY-MM-DD", () => {
    expect(selectionOf(cart([], null, null).cart)).toBeNull();
    expect(selectionOf(cart([], null, standard).cart)).toEqual(standard);
    expect(selectionOf({ shippingOptionId: "o", deliveryDate: null, shippingAddOnIds: ["b", "a"] })).toEqual({ optionId: "o", deliveryDate: null, addOnIds: ["a", "b"] });
  });

  it("is the same selection when option, day and add-ons are", () => {
    expect(sameSelection(standard, { ...standard, addOnIds: ["carry-in"] })).toBe(true);
    expect(sameSelection(standard, { ...standard, deliveryDate: null })).toBe(false);
    expect(sameSelection(standard, { ...standard, addOnIds: [] })).toBe(false);
    expect(sameSelection(standard, { ...standard, optionId: "pl-express" })).toBe(false);
    expect(sameSelection(null, standard)).toBe(false);
    expect(sameSelection(null, null)).toBe(true);
  });
});

describe("refusalOf", () => {
  const priced: ShippingJudgement = {
    refusal: null,
    selected: { optionId: "pl-standard", title: "Standard", priceMinor: "1499", currencyCode: "PLN", deliveryDate: null, addOns: [], totalMinor: "1499" },
  };

  it("is nothing for a priced selection, and shipping's words on selectShipping's argument otherwise", () => {
    expect(refusalOf(priced)).toBeNull();
    const refused = (code: NonNullable<ShippingJudgement["refusal"]>["code"]) =>
      refusalOf({ refusal: { code, message: "Not for this cart.", field: ["selection", "whatever"] }, selected: null })?.errors;
    expect(refused("SHIPPING_OPTION_UNAVAILABLE")).toEqual([{ code: "SHIPPING_OPTION_UNAVAILABLE", message: "Not for this cart.", field: ["optionId"] }]);
    expect(refused("DELIVERY_DATE_UNAVAILABLE")).toEqual([{ code: "DELIVERY_DATE_UNAVAILABLE", message: "Not for this cart.", field: ["deliveryDate"] }]);
    expect(refused("SHIPPING_ADD_ON_UNAVAILABLE")).toEqual([{ code: "SHIPPING_ADD_ON_UNAVAILABLE", message: "Not for this cart.", field: ["addOnIds"] }]);
  });
});

describe("a judgement and the cart locked to write it", () => {
  const judged = cart([["p", 2], ["q", 1]], warsaw, null);

  it("holds for the same cart with the same lines, in any order, shipped to the same place", () => {
    expect(judgedForLocked(judged, cart([["q", 1], ["p", 2]], { ...warsaw, fullName: "M. Curie" }, standard))).toBe(true);
  });

  it("does not for another quantity, another line, another place, or the next cart after a checkout", () => {
    expect(judgedForLocked(judged, cart([["p", 3], ["q", 1]], warsaw, null))).toBe(false);
    expect(judgedForLocked(judged, cart([["p", 2]], warsaw, null))).toBe(false);
    expect(judgedForLocked(judged, cart([["p", 2], ["q", 1]], krakow, null))).toBe(false);
    expect(judgedForLocked(judged, cart([["p", 2], ["q", 1]], null, null))).toBe(false);
    expect(judgedForLocked(judged, cart([["p", 2], ["q", 1]], warsaw, null, "cart-2"))).toBe(false);
  });
});

describe("setting an address", () => {
  it("needs shipping's verdict only when a selection is held and the place changes", () => {
    expect(selectionToJudge(cart([["p", 1]], warsaw, null), krakow)).toBeNull();
    expect(selectionToJudge(cart([["p", 1]], warsaw, standard), { ...warsaw, line1: "ul. Freta 18", phone: "+48 22 123 45 67" })).toBeNull();
    expect(selectionToJudge(cart([["p", 1]], warsaw, standard), krakow)).toEqual(standard);
    expect(selectionToJudge(cart([["p", 1]], null, standard), warsaw)).toEqual(standard);
  });

  it("changes nothing when the cart holds that very address", () => {
    expect(addressChange(cart([["p", 1]], warsaw, standard), { ...warsaw }, null)).toEqual({ kind: "unchanged" });
  });

  it("sets it, keeping the selection, when there is none or the place stays", () => {
    expect(addressChange(cart([["p", 1]], warsaw, null), berlin, null)).toEqual({ kind: "set", dropSelection: false });
    expect(addressChange(cart([["p", 1]], warsaw, standard), { ...warsaw, fullName: "Pierre Curie" }, null)).toEqual({ kind: "set", dropSelection: false });
  });

  it("drops the selection shipping refused for the new place, and keeps one it accepted or could not judge", () => {
    const locked = cart([["p", 1]], warsaw, standard);
    const seen = cart([["p", 1]], warsaw, standard);
    expect(addressChange(locked, berlin, { seen, selection: standard, fits: false })).toEqual({ kind: "set", dropSelection: true });
    expect(addressChange(locked, krakow, { seen, selection: standard, fits: true })).toEqual({ kind: "set", dropSelection: false });
  });

  it("asks again when the verdict was about other lines or another selection, or there was none", () => {
    const locked = cart([["p", 2]], warsaw, standard);
    expect(addressChange(locked, berlin, null)).toEqual({ kind: "stale" });
    expect(addressChange(locked, berlin, { seen: cart([["p", 1]], warsaw, standard), selection: standard, fits: true })).toEqual({ kind: "stale" });
    expect(addressChange(locked, berlin, { seen: cart([["p", 2]], warsaw, standard), selection: { ...standard, addOnIds: [] }, fits: false })).toEqual({ kind: "stale" });
  });
});
