// Checkout's rules for the shopper's delivery choices, with hand-made carts and answers.
import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import type { JudgedShipping } from "@trolley/federation";
import {
  deliverySnapshot,
  judgedShipping,
  requireDeliveryChoices,
  servicesToQuote,
  shippedLines,
  shippingCartRequest,
  type CartDelivery,
} from "../src/checkout/checkout-delivery.rules.js";

const address = { fullName: "Ada Lovelace", line1: "ul. Prosta 1", line2: null, city: "Warszawa", provinceCode: null, postalCode: "00-850", countryCode: "PL", phone: null };
const selection = { optionId: "pl-standard", deliveryDate: "2026-12-04", addOnIds: ["carry-in"] };
const cart = (over: Partial<CartDelivery> = {}): CartDelivery => ({ email: null, shippingAddress: address, shippingSelection: selection, serviceLines: [], ...over });
const user = { kind: "user" as const, subject: "u1", roles: ["customer" as const] };
const guest = { kind: "guest" as const, subject: "guest:g1", roles: ["guest" as const] };

const codeOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.errors.map(({ code, field }) => ({ code, field })) : error;
  }
};

const judged: JudgedShipping = {
  optionId: "pl-standard",
  title: "Kurier standard",
  priceMinor: "1499",
  currencyCode: "PLN",
  deliveryDate: "2026-12-04",
  addOns: [{ id: "carry-in", title: "Wniesienie", priceMinor: "4900" }],
  totalMinor: "6399",
};

describe("what a cart must hold before checkout reserves anything", () => {
  it("a shipping selection, for everyone", () => {
    expect(codeOf(() => requireDeliveryChoices(user, cart({ shippingSelection: null })))).toEqual([{ code: "SHIPPING_REQUIRED", field: ["shipping"] }]);
    expect(requireDeliveryChoices(user, cart())).toEqual(selection);
  });

  it("an email, for a guest (a user's account has one); the email is asked for first", () => {
    expect(codeOf(() => requireDeliveryChoices(guest, cart({ shippingSelection: null })))).toEqual([{ code: "EMAIL_REQUIRED", field: ["email"] }]);
    expect(requireDeliveryChoices(guest, cart({ email: "ada@example.com" }))).toEqual(selection);
  });
});

describe("what shipping is asked at checkout", () => {
  it("the reserved lines with their prices in minor units and weights, and only the place of the address", () => {
    const lines = [{ productId: "washer", quantity: 1, unitPriceMinor: 249_900, weightGrams: 72_000 }];
    expect(shippingCartRequest(lines, address, "PLN")).toEqual({
      lines: [{ productId: "washer", quantity: 1, weightGrams: 72_000, unitPriceMinor: "249900" }],
      address: { countryCode: "PL", provinceCode: null, postalCode: "00-850" },
      currencyCode: "PLN",
    });
    expect(shippingCartRequest(lines, null, "PLN").address).toBeNull();
  });

  it("weighs and values each cart line as the stock reservation answered it", () => {
    const reserved = [{ productId: "washer", unitPriceMinor: 249_900, weightGrams: 72_000 }, { productId: "mug", unitPriceMinor: 1999, weightGrams: 350 }];
    expect(shippedLines([{ productId: "mug", quantity: 2 }, { productId: "washer", quantity: 1 }], reserved)).toEqual([
      { productId: "mug", quantity: 2, unitPriceMinor: 1999, weightGrams: 350 },
      { productId: "washer", quantity: 1, unitPriceMinor: 249_900, weightGrams: 72_000 },
    ]);
    expect(() => shippedLines([{ productId: "gone", quantity: 1 }], reserved)).toThrow(/gone/);
  });

  it("reads a refusal as checkout's own, with the field shipping named", () => {
    const refused = { refusal: { code: "DELIVERY_DATE_UNAVAILABLE" as const, message: "That day cannot be booked now.", field: ["deliveryDate"] }, selected: null };
    expect(codeOf(() => judgedShipping(refused, "PLN"))).toEqual([{ code: "DELIVERY_DATE_UNAVAILABLE", field: ["deliveryDate"] }]);
    expect(judgedShipping({ refusal: null, selected: judged }, "PLN")).toBe(judged);
    expect(() => judgedShipping({ refusal: null, selected: judged }, "EUR")).toThrow(/PLN/);
  });
});

describe("services at checkout", () => {
  const offers = new Map([["install", { id: "install", title: "Installation", priceMinor: 14_900, currencyCode: "PLN" }]]);

  it("are priced at the catalog's price of now, each with its line and quantity", () => {
    const lines = [{ id: "sl1", serviceId: "install", lineId: "line-washer", quantity: 2 }];
    expect(servicesToQuote(lines, offers, "PLN")).toEqual([{ id: "sl1", lineId: "line-washer", quantity: 2, unitPriceMinor: "14900", currencyCode: "PLN" }]);
  });

  it("refuse a service the catalog no longer offers, naming it", () => {
    const lines = [{ id: "sl1", serviceId: "install", lineId: "l1", quantity: 1 }, { id: "sl2", serviceId: "gone", lineId: null, quantity: 1 }];
    expect(codeOf(() => servicesToQuote(lines, offers, "PLN"))).toEqual([{ code: "SERVICE_NOT_AVAILABLE", field: ["serviceLines", "1"] }]);
  });
});

describe("what the order keeps", () => {
  it("the email, the address and the shipping as judged: the option's own price, the day, each add-on", () => {
    expect(deliverySnapshot(cart({ email: "ada@example.com" }), judged)).toEqual({
      email: "ada@example.com",
      shippingAddress: address,
      shipping: { optionId: "pl-standard", title: "Kurier standard", priceMinor: 1499, deliveryDate: "2026-12-04", addOns: [{ title: "Wniesienie", priceMinor: 4900 }] },
    });
  });
});
