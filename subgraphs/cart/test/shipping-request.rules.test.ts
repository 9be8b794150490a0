import { describe, expect, it } from "vitest";
import { validAddress } from "../src/choices/address.rules.js";
import { shippingCartRequest, shippingLinesOf } from "../src/choices/shipping-request.rules.js";
import type { CatalogProduct } from "../src/clients/catalog.client.js";

const product = (id: string, amount: string, over: Partial<CatalogProduct> = {}): [string, CatalogProduct] => [
  id,
  { id, status: "ACTIVE", availableQuantity: 10, price: { amount, currencyCode: "USD" }, taxCategory: "STANDARD", categoryId: null, weightGrams: 0, ...over },
];

describe("shippingLinesOf", () => {
  it("sends each line's quantity, weight and unit price in minor units", () => {
    const products = new Map([product("washer", "649.00", { weightGrams: 72_000 }), product("dripper", "19.99", { weightGrams: 350 })]);
    expect(shippingLinesOf([{ productId: "washer", quantity: 1 }, { productId: "dripper", quantity: 3 }], products)).toEqual([
      { productId: "washer", quantity: 1, weightGrams: 72_000, unitPriceMinor: "64900" },
      { productId: "dripper", quantity: 3, weightGrams: 350, unitPriceMinor: "1999" },
    ]);
  });

  it("leaves out a product the catalog does not know", () => {
    const products = new Map([product("dripper", "19.99")]);
    expect(shippingLinesOf([{ productId: "gone", quantity: 2 }, { productId: "dripper", quantity: 1 }], products)).toEqual([
      { productId: "dripper", quantity: 1, weightGrams: 0, unitPriceMinor: "1999" },
    ]);
  });
});

describe("shippingCartRequest", () => {
  const address = validAddress({ fullName: "Ada Lovelace", line1: "1 Infinite Loop", city: "Cupertino", provinceCode: "CA", postalCode: "95014", countryCode: "US", phone: "+1 408 996 1010" });

  it("sends the place only (country, state, postal code), and the lines' currency", () => {
    const products = new Map([product("zl", "39.99", { price: { amount: "39.99", currencyCode: "PLN" } })]);
    expect(shippingCartRequest([{ productId: "zl", quantity: 2 }], products, address, "USD")).toEqual({
      lines: [{ productId: "zl", quantity: 2, weightGrams: 0, unitPriceMinor: "3999" }],
      address: { countryCode: "US", provinceCode: "CA", postalCode: "95014" },
      currencyCode: "PLN",
    });
  });

  it("without an address sends none (shipping judges for the shop's country), and a cart without priced lines is in the shop's currency", () => {
    expect(shippingCartRequest([{ productId: "gone", quantity: 1 }], new Map(), null, "EUR")).toEqual({ lines: [], address: null, currencyCode: "EUR" });
  });
});
