// What an admin may set a product's price, stock and weight to. Plain functions of plain values: the
// service applies them to the product as it is under its row lock; tests call them directly.
import { DomainError } from "@trolley/errors";
import { formatMinor, MAX_UNIT_PRICE_MINOR, parseAmount } from "@trolley/federation";

export const MAX_STOCK_ON_HAND = 10_000_000;
/** A tonne: more than any one unit the shop ships (the column's CHECK says the same). */
export const MAX_WEIGHT_GRAMS = 1_000_000;

/** The price a decimal amount ("19.99") stands for, in minor units of the product's currency. */
export function priceFromAmount(amount: string, currencyCode: string): number {
  const priceMinor = parseAmount(amount, currencyCode);
  if (priceMinor === null) throw new DomainError("INVALID_ARGUMENT", `\`amount\` must be a decimal such as "19.99" in ${currencyCode}.`, ["amount"]);
  if (priceMinor > MAX_UNIT_PRICE_MINOR) {
    throw new DomainError("INVALID_ARGUMENT", `\`amount\` can be at most ${formatMinor(MAX_UNIT_PRICE_MINOR, currencyCode)} ${currencyCode}.`, ["amount"]);
  }
  return priceMinor;
}

/** Checked before the product is read: a quantity no product could have. */
export function checkStockOnHand(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 0 || quantity > MAX_STOCK_ON_HAND) {
    throw new DomainError("INVALID_QUANTITY", "Stock must be a whole number from 0 to 10,000,000.", ["quantity"]);
  }
}

/** The units physically held may not go below what orders have reserved. */
export function checkStockCoversReserved(quantity: number, stockReserved: number): void {
  if (quantity < stockReserved) {
    throw new DomainError("INVALID_QUANTITY", `${stockReserved} units are reserved by orders; stock cannot go below that.`, ["quantity"]);
  }
}

/** A unit's shipping weight in whole grams; 0 means not known yet. */
export function checkWeight(weightGrams: number): void {
  if (!Number.isInteger(weightGrams) || weightGrams < 0 || weightGrams > MAX_WEIGHT_GRAMS) {
    throw new DomainError("INVALID_WEIGHT", "Weight must be a whole number of grams from 0 to 1,000,000.", ["weightGrams"]);
  }
}
