// Refuses input the engine cannot price exactly, before any arithmetic: one currency throughout,
// integer minor units within the shop's maximum, positive integer quantities, well-formed rules.
import { MAX_UNIT_PRICE_MINOR } from "@trolley/federation";
import { normalizeCode } from "./held-promotions.js";
import type { Promotion } from "./promotion.types.js";
import { QuoteInputError } from "./quote.errors.js";
import type { QuoteInput } from "./quote.types.js";
import { BASIS_POINTS_PER_WHOLE } from "./rounding.js";
import { PPM_PER_WHOLE } from "./tax.js";

const isAmount = (value: number) => Number.isSafeInteger(value) && value >= 0 && value <= MAX_UNIT_PRICE_MINOR;

function requireAmount(value: number, what: string) {
  if (!isAmount(value)) throw new QuoteInputError("INVALID_AMOUNT", `${what} is ${value}, not an integer from 0 to ${MAX_UNIT_PRICE_MINOR}`);
}

function requireCurrency(currencyCode: string, expected: string, what: string) {
  if (currencyCode !== expected) throw new QuoteInputError("CURRENCY_MISMATCH", `${what} is priced in ${currencyCode}, the quote in ${expected}`);
}

function requireQuantity(value: number, what: string) {
  if (!Number.isSafeInteger(value) || value < 1) throw new QuoteInputError("INVALID_QUANTITY", `${what} has quantity ${value}`);
}

function requireUnique(ids: string[], what: string) {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new QuoteInputError("INVALID_REFERENCE", `two ${what} have the id ${id}`);
    seen.add(id);
  }
}

const isValidDate = (value: Date | null | undefined) => value == null || (value instanceof Date && !Number.isNaN(value.getTime()));

function requireRate(basisPoints: number, promotion: Promotion) {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0 || basisPoints > BASIS_POINTS_PER_WHOLE) {
    throw new QuoteInputError("INVALID_PROMOTION", `promotion ${promotion.id} takes off ${basisPoints} basis points`);
  }
}

// The types already pair actions with targets; promotions read from storage are checked again.
const actionsByTarget: Record<string, readonly string[]> = {
  PRODUCTS: ["PERCENTAGE", "FIXED_AMOUNT", "BUY_X_PAY_Y", "NTH_UNIT_PERCENT"],
  CATEGORY: ["PERCENTAGE", "FIXED_AMOUNT", "BUY_X_PAY_Y", "NTH_UNIT_PERCENT"],
  ORDER: ["PERCENTAGE", "FIXED_AMOUNT"],
  SHIPPING: ["PERCENTAGE", "FREE_SHIPPING"],
};

function validatePromotion(promotion: Promotion) {
  const { action, target } = promotion;
  if (!actionsByTarget[target.kind]?.includes(action.kind)) {
    throw new QuoteInputError("INVALID_PROMOTION", `promotion ${promotion.id}: ${action.kind} cannot target ${target.kind}`);
  }
  if (!isValidDate(promotion.startsAt) || !isValidDate(promotion.endsAt)) throw new QuoteInputError("INVALID_DATE", `promotion ${promotion.id} has an invalid window`);
  if (promotion.conditions.minSubtotalMinor !== undefined && !Number.isSafeInteger(promotion.conditions.minSubtotalMinor)) {
    throw new QuoteInputError("INVALID_AMOUNT", `promotion ${promotion.id} has a minimum subtotal of ${promotion.conditions.minSubtotalMinor}`);
  }
  if (!Number.isFinite(promotion.priority)) throw new QuoteInputError("INVALID_PROMOTION", `promotion ${promotion.id} has no priority`);
  switch (action.kind) {
    case "PERCENTAGE":
      return requireRate(action.basisPoints, promotion);
    case "NTH_UNIT_PERCENT":
      requireRate(action.basisPoints, promotion);
      if (!Number.isSafeInteger(action.nth) || action.nth < 1) throw new QuoteInputError("INVALID_PROMOTION", `promotion ${promotion.id} discounts every ${action.nth}th unit`);
      return;
    case "BUY_X_PAY_Y":
      if (!Number.isSafeInteger(action.buy) || !Number.isSafeInteger(action.pay) || action.pay < 0 || action.pay >= action.buy) {
        throw new QuoteInputError("INVALID_PROMOTION", `promotion ${promotion.id} is buy ${action.buy} pay ${action.pay}`);
      }
      return;
    case "FIXED_AMOUNT":
      if (!Number.isSafeInteger(action.amountMinor) || action.amountMinor < 0) {
        throw new QuoteInputError("INVALID_AMOUNT", `promotion ${promotion.id} takes off ${action.amountMinor}`);
      }
      return;
    case "FREE_SHIPPING":
      return;
  }
}

function validateTaxRates(input: QuoteInput) {
  const seen = new Set<string>();
  for (const rate of input.taxRates) {
    const place = `${rate.countryCode}/${rate.provinceCode ?? ""}`;
    if (seen.has(place)) throw new QuoteInputError("INVALID_TAX_RATE", `${place} has two tax entries`);
    seen.add(place);
    for (const [category, ppm] of Object.entries(rate.ratesPpm)) {
      if (!Number.isSafeInteger(ppm) || ppm < 0 || ppm > PPM_PER_WHOLE) throw new QuoteInputError("INVALID_TAX_RATE", `${place} ${category} is ${ppm} ppm`);
    }
  }
}

export function validateQuoteInput(input: QuoteInput): void {
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) throw new QuoteInputError("INVALID_DATE", "the quote's instant is not a valid date");
  for (const line of input.lines) {
    requireCurrency(line.currencyCode, input.currencyCode, `line ${line.id}`);
    requireAmount(line.unitPriceMinor, `line ${line.id}'s unit price`);
    requireQuantity(line.quantity, `line ${line.id}`);
  }
  requireUnique(input.lines.map((line) => line.id), "lines");
  const lineIds = new Set(input.lines.map((line) => line.id));
  for (const service of input.services) {
    requireCurrency(service.currencyCode, input.currencyCode, `service ${service.id}`);
    requireAmount(service.unitPriceMinor, `service ${service.id}'s unit price`);
    requireQuantity(service.quantity, `service ${service.id}`);
    if (service.lineId !== null && !lineIds.has(service.lineId)) throw new QuoteInputError("INVALID_REFERENCE", `service ${service.id} belongs to no line ${service.lineId}`);
  }
  requireUnique(input.services.map((service) => service.id), "services");
  if (input.shipping) {
    requireCurrency(input.shipping.currencyCode, input.currencyCode, "shipping");
    requireAmount(input.shipping.priceMinor, "the shipping price");
  }
  input.promotions.forEach(validatePromotion);
  requireUnique(input.promotions.map((promotion) => promotion.id), "promotions");
  const codes = input.promotions.flatMap((promotion) => (promotion.code === null ? [] : [normalizeCode(promotion.code)]));
  if (new Set(codes).size !== codes.length) throw new QuoteInputError("INVALID_PROMOTION", "two promotions share a code");
  validateTaxRates(input);
}
