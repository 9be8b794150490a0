// From what a service sends (libs/federation's ShippingCartRequest, as the GraphQL input) to the cart
// as shipping reads it, refusing what no cart sends: amounts that are not digit strings of minor
// units, quantities or weights out of range, codes of the wrong form, more lines than a cart holds.
// Before an address, the cart goes to the shop's default country.
import { badUserInput } from "@trolley/errors";
import type { ShippingSelectionRequest } from "@trolley/federation";
import type { CartToShip, Destination } from "../options/shipping-option.types.js";
import type { ShippingAddressInput, ShippingCartInput, ShippingSelectionInput } from "./judgement.type.js";

const MAX_LINES = 100;
const MAX_ADD_ONS = 20;
const MAX_WEIGHT_GRAMS = 1_000_000;
const DIGITS = /^\d{1,15}$/;

function check(ok: boolean, message: string): void {
  if (!ok) throw badUserInput(message);
}

export function destinationOf(address: ShippingAddressInput | null | undefined, defaultCountryCode: string, argument = "cart.address"): Destination {
  if (!address) return { countryCode: defaultCountryCode, provinceCode: null, postalCode: null };
  check(/^[A-Z]{2}$/.test(address.countryCode), `\`${argument}.countryCode\` must be an ISO 3166-1 alpha-2 code such as "US".`);
  check(address.provinceCode == null || /^[A-Z0-9]{1,3}$/.test(address.provinceCode), `\`${argument}.provinceCode\` must be a subdivision code such as "CA".`);
  return { countryCode: address.countryCode, provinceCode: address.provinceCode ?? null, postalCode: address.postalCode };
}

export function cartFromInput(request: ShippingCartInput, defaultCountryCode: string, argument = "cart"): CartToShip {
  check(request.lines.length <= MAX_LINES, `\`${argument}.lines\` holds at most ${MAX_LINES} lines.`);
  check(/^[A-Z]{3}$/.test(request.currencyCode), `\`${argument}.currencyCode\` must be an ISO 4217 code such as "USD".`);
  return {
    currencyCode: request.currencyCode,
    destination: destinationOf(request.address, defaultCountryCode, `${argument}.address`),
    lines: request.lines.map((line, index) => {
      const at = `${argument}.lines.${index}`;
      check(Number.isInteger(line.quantity) && line.quantity >= 1 && line.quantity <= 999, `\`${at}.quantity\` must be 1 to 999.`);
      check(Number.isInteger(line.weightGrams) && line.weightGrams >= 0 && line.weightGrams <= MAX_WEIGHT_GRAMS, `\`${at}.weightGrams\` must be 0 to ${MAX_WEIGHT_GRAMS}.`);
      check(DIGITS.test(line.unitPriceMinor), `\`${at}.unitPriceMinor\` must be digits of minor units, e.g. "1999".`);
      return { productId: line.productId, quantity: line.quantity, weightGrams: line.weightGrams, unitPriceMinor: Number(line.unitPriceMinor) };
    }),
  };
}

export function selectionFromInput(selection: ShippingSelectionInput, argument = "selection"): ShippingSelectionRequest {
  check(selection.addOnIds.length <= MAX_ADD_ONS, `\`${argument}.addOnIds\` holds at most ${MAX_ADD_ONS} add-ons.`);
  return { optionId: selection.optionId, deliveryDate: selection.deliveryDate ?? null, addOnIds: selection.addOnIds };
}
