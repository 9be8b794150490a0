// A cart as the gateway hands it to pricing (the @requires fields), read into the quote's request.
import { describe, expect, it } from "vitest";
import { CartLinesIncomplete, CatalogDataMissing, cartQuoteRequest, cartsOfLines } from "../src/cart/cart-quote.rules.js";
import type { RequiredCart, RequiredCartLine, RequiredLine } from "../src/cart/cart.type.js";

const line = (id: string, amount: string, category: string | null = null): RequiredLine => ({
  id,
  quantity: 2,
  product: { id: `product-${id}`, price: { amount, currencyCode: "USD" }, taxCategory: "REDUCED", category: category === null ? null : { id: category } },
});

describe("the quote request of a cart", () => {
  it("takes the catalog's prices in minor units, each product's category and the codes as entered", () => {
    const cart: RequiredCart = { id: "c1", discountCodeEntries: ["save10"], lines: [line("a", "19.99", "books"), line("b", "5")], shippingAddress: null };
    expect(cartQuoteRequest(cart, "EUR")).toEqual({
      currencyCode: "USD",
      lines: [
        { id: "a", productId: "product-a", quantity: 2, unitPriceMinor: 1999, currencyCode: "USD", categoryIds: ["books"], taxCategory: "REDUCED" },
        { id: "b", productId: "product-b", quantity: 2, unitPriceMinor: 500, currencyCode: "USD", categoryIds: [], taxCategory: "REDUCED" },
      ],
      services: [],
      codes: ["save10"],
      address: null,
      shippingPriceMinor: null,
    });
  });

  it("is in the shop's currency when the cart is empty", () => {
    expect(cartQuoteRequest({ id: "c1", discountCodeEntries: [], lines: [], shippingAddress: null }, "EUR").currencyCode).toBe("EUR");
  });

  it("is taxed where the cart ships to, once it has an address", () => {
    const cart: RequiredCart = { id: "c1", discountCodeEntries: [], lines: [line("a", "19.99")], shippingAddress: { countryCode: "US", provinceCode: "NY" } };
    expect(cartQuoteRequest(cart, "USD").address).toEqual({ countryCode: "US", provinceCode: "NY" });
    expect(cartQuoteRequest({ ...cart, shippingAddress: { countryCode: "PL", provinceCode: null } }, "USD").address).toEqual({ countryCode: "PL", provinceCode: null });
  });

  it("cannot be made when the catalog gave no product for a line", () => {
    const cart: RequiredCart = { id: "c1", discountCodeEntries: [], lines: [line("a", "19.99"), { id: "b", quantity: 1, product: null }], shippingAddress: null };
    expect(() => cartQuoteRequest(cart, "USD")).toThrow(CatalogDataMissing);
  });
});

describe("the carts of a batch of lines", () => {
  const inCart = (cartId: string, lineIds: string[], codes: string[] = []) => (l: RequiredLine): RequiredCartLine => ({
    ...l,
    cart: { id: cartId, discountCodeEntries: codes, lines: lineIds.map((id) => ({ id })), shippingAddress: null },
  });

  it("puts each cart together from its lines, in the cart's order, whatever order the batch has", () => {
    const one = inCart("c1", ["a", "b"], ["save10"]);
    const two = inCart("c2", ["x"]);
    const batch = [one(line("b", "5")), two(line("x", "1")), one(line("a", "19.99"))];
    const [first, second, third] = cartsOfLines(batch);
    expect(first).toEqual({ id: "c1", discountCodeEntries: ["save10"], lines: [line("a", "19.99"), line("b", "5")], shippingAddress: null });
    expect(second).toEqual({ id: "c2", discountCodeEntries: [], lines: [line("x", "1")], shippingAddress: null });
    expect(third).toBe(first);
  });

  it("gives a saved line its cart, which does not hold it among its lines", () => {
    const batch = [inCart("c1", ["a"])(line("a", "2")), inCart("c1", ["a"])(line("saved", "3"))];
    const [, saved] = cartsOfLines(batch);
    expect(saved).toEqual({ id: "c1", discountCodeEntries: [], lines: [line("a", "2")], shippingAddress: null });
  });

  it("refuses to assemble a cart whose batch lacks some of its lines", () => {
    const [result] = cartsOfLines([inCart("c1", ["a", "b", "c"])(line("a", "2"))]);
    expect(result).toBeInstanceOf(CartLinesIncomplete);
    expect((result as CartLinesIncomplete).missing).toEqual(["b", "c"]);
  });
});
