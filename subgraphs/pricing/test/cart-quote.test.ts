// A cart as the gateway hands it to pricing (the @requires fields), read into the quote's request.
import { describe, expect, it } from "vitest";
import { CartLinesIncomplete, CatalogDataMissing, cartQuoteRequest, cartsOfLines, serviceLineSubtotal } from "../src/cart/cart-quote.rules.js";
import type { RequiredCart, RequiredCartLine, RequiredCartServiceLine, RequiredLine } from "../src/cart/cart.type.js";
import { QuoteInputError } from "../src/quote/index.js";

const line = (id: string, amount: string, category: string | null = null): RequiredLine => ({
  id,
  quantity: 2,
  product: { id: `product-${id}`, price: { amount, currencyCode: "USD" }, taxCategory: "REDUCED", category: category === null ? null : { id: category } },
});

const service = (id: string, lineId: string | null, quantity: number, amount: string | null, currencyCode = "USD"): RequiredCartServiceLine => ({
  id,
  lineId,
  quantity,
  service: amount === null ? null : { price: { amount, currencyCode } },
});

/** A cart without services or shipping, as most of these tests want it. */
const cartOf = (fields: Partial<RequiredCart> = {}): RequiredCart => ({
  id: "c1",
  discountCodeEntries: [],
  lines: [],
  shippingAddress: null,
  serviceLines: [],
  selectedShipping: null,
  ...fields,
});

describe("the quote request of a cart", () => {
  it("takes the catalog's prices in minor units, each product's category and the codes as entered", () => {
    const cart = cartOf({ discountCodeEntries: ["save10"], lines: [line("a", "19.99", "books"), line("b", "5")] });
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
    expect(cartQuoteRequest(cartOf(), "EUR").currencyCode).toBe("EUR");
  });

  it("is taxed where the cart ships to, once it has an address", () => {
    const cart = cartOf({ lines: [line("a", "19.99")], shippingAddress: { countryCode: "US", provinceCode: "NY" } });
    expect(cartQuoteRequest(cart, "USD").address).toEqual({ countryCode: "US", provinceCode: "NY" });
    expect(cartQuoteRequest({ ...cart, shippingAddress: { countryCode: "PL", provinceCode: null } }, "USD").address).toEqual({ countryCode: "PL", provinceCode: null });
  });

  it("cannot be made when the catalog gave no product for a line", () => {
    const cart = cartOf({ lines: [line("a", "19.99"), { id: "b", quantity: 1, product: null }] });
    expect(() => cartQuoteRequest(cart, "USD")).toThrow(CatalogDataMissing);
  });

  it("carries the services at the catalog's prices, each with its line (none for a standalone one) and quantity", () => {
    const cart = cartOf({ lines: [line("a", "19.99")], serviceLines: [service("s1", "a", 2, "12.50"), service("s2", null, 1, "3")] });
    expect(cartQuoteRequest(cart, "EUR").services).toEqual([
      { id: "s1", lineId: "a", quantity: 2, unitPriceMinor: 1250, currencyCode: "USD" },
      { id: "s2", lineId: null, quantity: 1, unitPriceMinor: 300, currencyCode: "USD" },
    ]);
  });

  it("is in the services' currency when the cart has only standalone services", () => {
    const request = cartQuoteRequest(cartOf({ serviceLines: [service("s1", null, 1, "400", "JPY")] }), "EUR");
    expect(request.currencyCode).toBe("JPY");
    expect(request.services[0].unitPriceMinor).toBe(400);
  });

  it("cannot be made when the catalog gave no service for a service line", () => {
    const cart = cartOf({ lines: [line("a", "19.99")], serviceLines: [service("s1", "a", 2, "12.50"), service("s2", null, 1, null)] });
    expect(() => cartQuoteRequest(cart, "USD")).toThrow(CatalogDataMissing);
    expect(() => cartQuoteRequest(cart, "USD")).toThrow(/service line s2/);
  });

  it("refuses a service price that is not an amount (the catalog's bug, not a price of 0)", () => {
    expect(() => cartQuoteRequest(cartOf({ serviceLines: [service("s1", null, 1, "1.999")] }), "USD")).toThrow(TypeError);
  });

  it("carries the selected shipping's price in minor units, and none before a selection", () => {
    const cart = cartOf({ lines: [line("a", "19.99")] });
    expect(cartQuoteRequest(cart, "USD").shippingPriceMinor).toBeNull();
    expect(cartQuoteRequest({ ...cart, selectedShipping: { price: { amount: "7.05", currencyCode: "USD" } } }, "USD").shippingPriceMinor).toBe(705);
    expect(cartQuoteRequest({ ...cart, selectedShipping: { price: { amount: "0.00", currencyCode: "USD" } } }, "USD").shippingPriceMinor).toBe(0);
  });

  it("refuses a shipping price in another currency than the cart's", () => {
    const cart = cartOf({ lines: [line("a", "19.99")], selectedShipping: { price: { amount: "7.05", currencyCode: "EUR" } } });
    expect(() => cartQuoteRequest(cart, "USD")).toThrow(QuoteInputError);
  });
});

describe("the subtotal of a service line", () => {
  it("is the catalog's price times the quantity, exact in minor units", () => {
    expect(serviceLineSubtotal(service("s1", "a", 3, "0.10"))).toEqual({ amountMinor: 30, currencyCode: "USD" });
    expect(serviceLineSubtotal(service("s2", null, 1, "49.99"))).toEqual({ amountMinor: 4999, currencyCode: "USD" });
  });

  it("cannot be told without the catalog's service", () => {
    expect(() => serviceLineSubtotal(service("s1", "a", 2, null))).toThrow(CatalogDataMissing);
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
    expect(first).toEqual(cartOf({ discountCodeEntries: ["save10"], lines: [line("a", "19.99"), line("b", "5")] }));
    expect(second).toEqual(cartOf({ id: "c2", lines: [line("x", "1")] }));
    expect(third).toBe(first);
  });

  it("gives a saved line its cart, which does not hold it among its lines", () => {
    const batch = [inCart("c1", ["a"])(line("a", "2")), inCart("c1", ["a"])(line("saved", "3"))];
    const [, saved] = cartsOfLines(batch);
    expect(saved).toEqual(cartOf({ lines: [line("a", "2")] }));
  });

  it("refuses to assemble a cart whose batch lacks some of its lines", () => {
    const [result] = cartsOfLines([inCart("c1", ["a", "b", "c"])(line("a", "2"))]);
    expect(result).toBeInstanceOf(CartLinesIncomplete);
    expect((result as CartLinesIncomplete).missing).toEqual(["b", "c"]);
  });
});
