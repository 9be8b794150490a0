// A cart as the gateway hands it over (the @requires fields) turned into the cart shipping
// prices and dates, and the key it is cached under. Pure. A line whose product the catalog could
// not give (it was down, or the product is gone) makes the cart's shipping unknowable: its fields
// answer null with an error naming the catalog, never options for a cart lighter than it is.
import { createHash } from "node:crypto";
import { parseAmount } from "@trolley/federation";
import { destinationOf } from "../judgement/shipping-cart.mapping.js";
import type { CartToShip } from "../options/shipping-option.types.js";
import type { RequiredCart } from "./cart.type.js";

export class CatalogDataMissing extends Error {
  constructor(readonly cartId: string) {
    super(`cart ${cartId} has a line without product data from the catalog`);
    this.name = "CatalogDataMissing";
  }
}

/**
 * The cart to ship, or null when nothing can ship it: no lines, or lines priced in more than one
 * currency (checkout refuses such a cart too).
 */
export function cartToShip(cart: RequiredCart, defaultCountryCode: string): CartToShip | null {
  const lines = cart.lines.map((line) => {
    const { product } = line;
    if (!product?.price || typeof product.weightGrams !== "number") throw new CatalogDataMissing(cart.id);
    const unitPriceMinor = parseAmount(product.price.amount, product.price.currencyCode);
    if (unitPriceMinor === null) throw new TypeError(`cart ${cart.id}: the catalog's price ${JSON.stringify(product.price.amount)} is not an amount`);
    return { productId: product.id, quantity: line.quantity, weightGrams: product.weightGrams, unitPriceMinor, currencyCode: product.price.currencyCode };
  });
  const currencies = new Set(lines.map((line) => line.currencyCode));
  if (currencies.size !== 1) return null;
  return {
    currencyCode: lines[0].currencyCode,
    destination: destinationOf(cart.shippingAddress, defaultCountryCode, "shippingAddress"),
    lines: lines.map(({ currencyCode: _currency, ...line }) => line),
  };
}

/**
 * The options cache's key for a cart on a day: everything the offers depend on besides the time
 * of day, whose effect the cached entry's validity bounds (options-cache.ts).
 */
export function offersKey(cart: CartToShip, day: string): string {
  const content = JSON.stringify([
    1,
    day,
    cart.currencyCode,
    [cart.destination.countryCode, cart.destination.provinceCode, cart.destination.postalCode],
    cart.lines.map((line) => [line.productId, line.quantity, line.weightGrams, line.unitPriceMinor]),
  ]);
  return createHash("sha256").update(content).digest("hex");
}
