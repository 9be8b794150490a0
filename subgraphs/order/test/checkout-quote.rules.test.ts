import { describe, expect, it } from "vitest";
import { DomainError } from "@trolley/errors";
import type { ReservedLine } from "../src/clients/catalog.client.js";
import { readQuoteAnswer, type PricedQuote } from "../src/clients/priced-quote.js";
import {
  appliedCodes,
  checkExpectedTotal,
  customerOf,
  expectedTotalMinor,
  orderPromotions,
  orderSnapshot,
  quoteRequest,
} from "../src/checkout/checkout-quote.rules.js";

// A cart of two lines, reserved at the catalog's prices:
//   mug    3 x 19.99 = 59.97 (STANDARD, category "kitchen")
//   book   1 x 12.50 = 12.50 (REDUCED, no category)
const reserved: ReservedLine[] = [
  { productId: "book", productName: "A book", unitPriceMinor: 1250, currencyCode: "USD", quantity: 1, taxCategory: "REDUCED", categoryId: null, weightGrams: 400 },
  { productId: "mug", productName: "A mug", unitPriceMinor: 1999, currencyCode: "USD", quantity: 3, taxCategory: "STANDARD", categoryId: "kitchen", weightGrams: 350 },
];
const cart = {
  id: "cart-1",
  version: 4,
  lines: [{ id: "line-mug", productId: "mug", quantity: 3 }, { id: "line-book", productId: "book", quantity: 1 }],
  codes: ["save10", "NOPE"],
  shippingAddress: null,
};

// The quote pricing would answer for it, worked by hand:
//   subtotal 5997 + 1250 = 7247
//   "SAVE10" (10% off mugs): 10% of 5997 = 599.7, half-even 600, all on the mug line (LINE)
//   tax 7.25% standard, 0% reduced: mug (5997 - 600) x 0.0725 = 391.2825 -> 391, book 0
//   line totals: mug 5997 - 600 + 391 = 5788, book 1250 + 0 = 1250
//   total 7247 - 600 + 391 = 7038 (= 5788 + 1250)
const quote: PricedQuote = {
  currencyCode: "USD",
  subtotalMinor: 7247,
  servicesSubtotalMinor: 0,
  shippingMinor: null,
  discounts: [{ promotionId: "promo-1", code: "save10", title: "10% off mugs", target: "LINE", amountMinor: 600 }],
  discountTotalMinor: 600,
  taxMinor: 391,
  taxIncluded: false,
  totalMinor: 7038,
  lines: [
    { id: "line-mug", productId: "mug", quantity: 3, amountPerQuantityMinor: 1999, subtotalMinor: 5997, discountTotalMinor: 600, taxMinor: 391, totalMinor: 5788 },
    { id: "line-book", productId: "book", quantity: 1, amountPerQuantityMinor: 1250, subtotalMinor: 1250, discountTotalMinor: 0, taxMinor: 0, totalMinor: 1250 },
  ],
  services: [],
  hash: "f00d",
};

const refusal = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.errors : error;
  }
};

describe("the quote request of a checkout", () => {
  it("prices the cart's lines, in the cart's order and with its line ids, at the reserved prices, tax categories and categories", () => {
    const request = quoteRequest(cart, reserved, "USD", customerOf({ kind: "user", subject: "user-1", roles: ["customer"] }));
    expect(request).toEqual({
      lines: [
        { id: "line-mug", productId: "mug", quantity: 3, unitPriceMinor: "1999", currencyCode: "USD", taxCategory: "STANDARD", categoryId: "kitchen" },
        { id: "line-book", productId: "book", quantity: 1, unitPriceMinor: "1250", currencyCode: "USD", taxCategory: "REDUCED", categoryId: null },
      ],
      services: [],
      codes: ["save10", "NOPE"],
      address: null,
      shippingPriceMinor: null,
      currencyCode: "USD",
      customer: { userId: "user-1", email: null },
    });
  });

  it("prices the services and the shipping given, where the cart ships to", () => {
    const address = { fullName: "Ada", line1: "1 Main St", line2: null, city: "Albany", provinceCode: "NY", postalCode: "12207", countryCode: "US", phone: null };
    const services = [{ id: "sl1", lineId: "line-mug", quantity: 3, unitPriceMinor: "500", currencyCode: "USD" }];
    const request = quoteRequest({ ...cart, shippingAddress: address }, reserved, "USD", customerOf({ kind: "user", subject: "user-1", roles: ["customer"] }), { services, shippingPriceMinor: "599" });
    expect(request).toMatchObject({ services, shippingPriceMinor: "599", address: { countryCode: "US", provinceCode: "NY" } });
  });

  it("names a user as the customer, and a guest by the cart's email", () => {
    expect(customerOf({ kind: "guest", subject: "guest:abc", roles: ["guest"] })).toEqual({ userId: null, email: null });
    expect(customerOf({ kind: "guest", subject: "guest:abc", roles: ["guest"] }, "ada@example.com")).toEqual({ userId: null, email: "ada@example.com" });
    expect(customerOf({ kind: "user", subject: "u1", roles: ["customer"] }, "ada@example.com")).toEqual({ userId: "u1", email: null });
  });
});

describe("expectedTotal", () => {
  it("is read in the order's currency: 70.38 USD is 7038 minor units, 7038 JPY is 7038", () => {
    expect(expectedTotalMinor("70.38", "USD")).toBe(7038);
    expect(expectedTotalMinor("70.4", "USD")).toBe(7040);
    expect(expectedTotalMinor("7038", "JPY")).toBe(7038);
    expect(expectedTotalMinor(undefined, "USD")).toBeNull();
    expect(expectedTotalMinor(null, "USD")).toBeNull();
  });

  it("refuses what is not an amount of the currency with INVALID_ARGUMENT on expectedTotal", () => {
    for (const text of ["70.385", "-70.38", "70,38", "seventy", "1e3", "70.38 USD"]) {
      expect(refusal(() => expectedTotalMinor(text, "USD")), text).toEqual([expect.objectContaining({ code: "INVALID_ARGUMENT", field: ["expectedTotal"] })]);
    }
    expect(refusal(() => expectedTotalMinor("70.38", "JPY"))).toEqual([expect.objectContaining({ code: "INVALID_ARGUMENT" })]);
  });

  it("passes when it is the quote's total, and is CART_CHANGED when it is a cent off either way", () => {
    expect(refusal(() => checkExpectedTotal(7038, quote))).toBeNull();
    expect(refusal(() => checkExpectedTotal(null, quote))).toBeNull();
    expect(refusal(() => checkExpectedTotal(7037, quote))).toEqual([expect.objectContaining({ code: "CART_CHANGED" })]);
    expect(refusal(() => checkExpectedTotal(7039, quote))).toEqual([expect.objectContaining({ code: "CART_CHANGED" })]);
  });
});

describe("the codes a checkout reserves", () => {
  it("are those the quote applied, once each whatever their case; codes held but not applied and automatic promotions reserve nothing", () => {
    const discounts = [
      { promotionId: "p1", code: "save10", title: "", target: "LINE" as const, amountMinor: 600 },
      { promotionId: "p2", code: null, title: "", target: "ORDER" as const, amountMinor: 100 },
      { promotionId: "p1", code: "SAVE10", title: "", target: "LINE" as const, amountMinor: 1 },
      { promotionId: "p3", code: "SHIPFREE", title: "", target: "SHIPPING" as const, amountMinor: 0 },
    ];
    expect(appliedCodes({ discounts })).toEqual(["save10", "SHIPFREE"]);
    expect(appliedCodes({ discounts: [] })).toEqual([]);
  });

  it("and OrderCreated names every promotion with what it took off", () => {
    expect(orderPromotions(quote)).toEqual([{ promotionId: "promo-1", code: "save10", amountMinor: 600 }]);
  });
});

describe("the order's snapshot of the quote", () => {
  it("keeps the quote's amounts and each line's share, with the reservation's names and prices", () => {
    expect(orderSnapshot(quote, reserved)).toEqual({
      cost: {
        subtotalMinor: 7247,
        servicesSubtotalMinor: 0,
        // No shipping selected: zero on the order.
        shippingMinor: 0,
        discounts: [{ code: "save10", title: "10% off mugs", target: "LINE", amountMinor: 600 }],
        discountTotalMinor: 600,
        taxMinor: 391,
        taxIncluded: false,
        totalMinor: 7038,
      },
      quoteHash: "f00d",
      lines: [
        { productId: "mug", productName: "A mug", unitPriceMinor: 1999, quantity: 3, subtotalMinor: 5997, discountTotalMinor: 600, taxMinor: 391, totalMinor: 5788 },
        { productId: "book", productName: "A book", unitPriceMinor: 1250, quantity: 1, subtotalMinor: 1250, discountTotalMinor: 0, taxMinor: 0, totalMinor: 1250 },
      ],
    });
  });

  it("refuses a quote of other prices or other lines than were reserved", () => {
    const [mug, book] = quote.lines;
    expect(() => orderSnapshot({ ...quote, lines: [{ ...mug, amountPerQuantityMinor: 1899 }, book] }, reserved)).toThrow(/otherwise than it was reserved/);
    expect(() => orderSnapshot({ ...quote, lines: [mug] }, reserved)).toThrow(/not the reserved lines/);
    expect(() => orderSnapshot({ ...quote, lines: [{ ...mug, quantity: 2 }, book] }, reserved)).toThrow(/not the reserved lines/);
    expect(() => orderSnapshot({ ...quote, lines: [mug, { ...book, productId: "lamp" }] }, reserved)).toThrow(/otherwise than it was reserved/);
  });
});

describe("pricing's quote answer", () => {
  const engineQuote = { ...quote, lines: quote.lines.map((line) => ({ ...line, discounts: [], orderDiscountShareMinor: 0, taxRatePpm: 72_500 })), taxEstimated: true, codes: [] };
  const answer = (over: object = {}, answerOver: object = {}) => ({
    quoteJson: JSON.stringify({ ...engineQuote, ...over }),
    hash: "f00d",
    totalMinor: "7038",
    currencyCode: "USD",
    ...answerOver,
  });

  it("is read into the parts an order keeps", () => {
    expect(readQuoteAnswer(answer())).toEqual(quote);
  });

  it("reads the services it priced, and none from a quote that has no services field", () => {
    const installation = { id: "s1", lineId: "line-mug", quantity: 3, amountPerQuantityMinor: 4900, subtotalMinor: 14700, taxMinor: 1066 };
    const withServices = answer({ services: [{ ...installation, taxRatePpm: 72_500 }] });
    expect(readQuoteAnswer(withServices)?.services).toEqual([installation]);
    const { services: _, ...older } = engineQuote;
    expect(readQuoteAnswer({ ...answer(), quoteJson: JSON.stringify(older) })?.services).toEqual([]);
  });

  it("is no answer when the quote does not say what the answer says, or is not a quote", () => {
    expect(readQuoteAnswer(answer({}, { totalMinor: "7039" }))).toBeNull();
    expect(readQuoteAnswer(answer({}, { currencyCode: "EUR" }))).toBeNull();
    expect(readQuoteAnswer(answer({}, { hash: "beef" }))).toBeNull();
    expect(readQuoteAnswer(answer({}, { quoteJson: "{not json" }))).toBeNull();
    expect(readQuoteAnswer(answer({ totalMinor: 70.38 }, { totalMinor: "70.38" }))).toBeNull();
    expect(readQuoteAnswer(answer({ taxMinor: -1 }))).toBeNull();
    expect(readQuoteAnswer(answer({ discounts: [{ code: null, title: "x", target: "ELSEWHERE", amountMinor: 1, promotionId: "p" }] }))).toBeNull();
    expect(readQuoteAnswer(answer({ lines: [{ id: "line-mug" }] }))).toBeNull();
    expect(readQuoteAnswer(answer({ services: [{ id: "s1", lineId: "line-mug", quantity: 0, amountPerQuantityMinor: 4900, subtotalMinor: 0, taxMinor: 0 }] }))).toBeNull();
  });
});
