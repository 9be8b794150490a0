// A cart as the gateway hands it to pricing (the @requires fields), read into the quote's request.
import { describe, expect, it } from "vitest";
import { CatalogDataMissing, cartQuoteRequest } from "../src/cart/cart-quote.rules.js";
import type { RequiredCart, RequiredLine } from "../src/cart/cart.type.js";

const line = (id: string, amount: string, category: string | null = null): RequiredLine => ({
  id,
  quantity: 2,
  product: { id: `product-${id}`, price: { amount, currencyCode: "USD" }, taxCategory: "REDUCED", category: category === null ? null : { id: category } },
});

describe("the quote request of a cart", () => {
  it("takes the catalog's prices in minor units, each product's category and the codes as entered", () => {
    const cart: RequiredCart = { id: "c1", discountCodeEntries: ["save10"], lines: [line("a", "19.99", "books"), line("b", "5")] };
    expect(cartQuoteRequest(cart, "EUR")).toEqual({
      currencyCode: "USD",
      lines: [
        { id: "a", productId: "product-a", quantity: 2, unitPriceMinor: 1999, currencyCode: "USD", categoryIds: ["books"], taxCategory: "REDUCED" },
        { id: "b", productId: "product-b", quantity: 2, unitPriceMinor: 500, currencyCode: "USD", categoryIds: [], taxCategory: "REDUCED" },
      ],
      codes: ["save10"],
      address: null,
      shippingPriceMinor: null,
    });
  });

  it("is in the shop's currency when the cart is empty", () => {
    expect(cartQuoteRequest({ id: "c1", discountCodeEntries: [], lines: [] }, "EUR").currencyCode).toBe("EUR");
  });

  it("cannot be made when the catalog gave no product for a line", () => {
    const cart: RequiredCart = { id: "c1", discountCodeEntries: [], lines: [line("a", "19.99"), { id: "b", quantity: 1, product: null }] };
    expect(() => cartQuoteRequest(cart, "USD")).toThrow(CatalogDataMissing);
  });
});
