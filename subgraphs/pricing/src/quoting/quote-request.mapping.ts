// From the internal operations' input to the quote's request, refusing what cannot be a cart:
// amounts that are not digit strings of minor units, more lines or codes than a cart holds.
import { badUserInput } from "@trolley/errors";
import { QuoteInputError } from "../quote/index.js";
import type { QuoteRequest } from "./quote.service.js";
import type { QuoteRequestInput } from "./quote-request.type.js";

const MAX_LINES = 100;
/** A line holds at most one of each service; a cart a handful of standalone ones. */
const MAX_SERVICES = 500;
const MAX_CODES = 20;
const DIGITS = /^\d{1,15}$/;

function minor(value: string, field: string): number {
  if (!DIGITS.test(value)) throw badUserInput(`\`${field}\` must be digits of minor units, e.g. "1999".`);
  return Number(value);
}

export function quoteRequestFrom(input: QuoteRequestInput, argument = "request"): QuoteRequest {
  if (input.lines.length > MAX_LINES) throw badUserInput(`\`${argument}.lines\` holds at most ${MAX_LINES} lines.`);
  const services = input.services ?? [];
  if (services.length > MAX_SERVICES) throw badUserInput(`\`${argument}.services\` holds at most ${MAX_SERVICES} services.`);
  if (input.codes.length > MAX_CODES) throw badUserInput(`\`${argument}.codes\` holds at most ${MAX_CODES} codes.`);
  return {
    currencyCode: input.currencyCode,
    lines: input.lines.map((line, index) => ({
      id: line.id,
      productId: line.productId,
      quantity: line.quantity,
      unitPriceMinor: minor(line.unitPriceMinor, `${argument}.lines.${index}.unitPriceMinor`),
      currencyCode: line.currencyCode,
      categoryIds: line.categoryId ? [line.categoryId] : [],
      taxCategory: line.taxCategory,
    })),
    services: services.map((service, index) => ({
      id: service.id,
      lineId: service.lineId ?? null,
      quantity: service.quantity,
      unitPriceMinor: minor(service.unitPriceMinor, `${argument}.services.${index}.unitPriceMinor`),
      currencyCode: service.currencyCode,
    })),
    codes: input.codes,
    address: input.address ? { countryCode: input.address.countryCode, provinceCode: input.address.provinceCode ?? null } : null,
    shippingPriceMinor: input.shippingPriceMinor == null ? null : minor(input.shippingPriceMinor, `${argument}.shippingPriceMinor`),
  };
}

/** The engine refuses input no cart sends (two currencies, a bad quantity): the caller's mistake. */
export async function refusingBadInput<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof QuoteInputError) throw badUserInput(`${error.code}: ${error.message}`);
    throw error;
  }
}
