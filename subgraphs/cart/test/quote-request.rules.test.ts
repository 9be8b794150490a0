import { describe, expect, it } from "vitest";
import type { CatalogProduct } from "../src/clients/catalog.client.js";
import { customerOf, quoteRequest } from "../src/discount-codes/quote-request.rules.js";

const product = (id: string, amount: string, over: Partial<CatalogProduct> = {}): [string, CatalogProduct] => [
  id,
  { id, status: "ACTIVE", availableQuantity: 10, price: { amount, currencyCode: "USD" }, taxCategory: "STANDARD", categoryId: `cat-${id}`, weightGrams: 500, ...over },
];

describe("quoteRequest", () => {
  it("prices each line at the catalog's price in minor units, with its tax category, category and the codes", () => {
    const products = new Map([product("p", "19.99"), product("q", "5.00", { taxCategory: "REDUCED", categoryId: null })]);
    const request = quoteRequest(
      [{ id: "l1", productId: "p", quantity: 3 }, { id: "l2", productId: "q", quantity: 1 }],
      ["SUMMER10", "free-ship"],
      products,
      { userId: "u1", email: null },
      "EUR",
    );
    expect(request).toEqual({
      lines: [
        { id: "l1", productId: "p", quantity: 3, unitPriceMinor: "1999", currencyCode: "USD", taxCategory: "STANDARD", categoryId: "cat-p" },
        { id: "l2", productId: "q", quantity: 1, unitPriceMinor: "500", currencyCode: "USD", taxCategory: "REDUCED", categoryId: null },
      ],
      codes: ["SUMMER10", "free-ship"],
      address: null,
      shippingPriceMinor: null,
      currencyCode: "USD",
      customer: { userId: "u1", email: null },
    });
  });

  it("is in the shop's currency for an empty cart, and leaves out a line whose product the catalog no longer knows", () => {
    expect(quoteRequest([], [], new Map(), { userId: null, email: null }, "EUR").currencyCode).toBe("EUR");
    const request = quoteRequest([{ id: "l1", productId: "gone", quantity: 1 }, { id: "l2", productId: "p", quantity: 1 }], [], new Map([product("p", "1.00")]), customerOf("u"), "USD");
    expect(request.lines.map((line) => line.id)).toEqual(["l2"]);
  });
});

describe("customerOf", () => {
  it("is the user for a signed-in owner and nobody for a guest", () => {
    expect(customerOf("user-1")).toEqual({ userId: "user-1", email: null });
    expect(customerOf("guest:abc")).toEqual({ userId: null, email: null });
  });
});
