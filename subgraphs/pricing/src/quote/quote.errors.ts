// Input the engine refuses to price. These are programming or data errors upstream (the cart and
// the catalog never send them), so they are thrown, with a stable code saying which rule broke.

export const quoteInputErrorCodes = {
  CURRENCY_MISMATCH: "A line, service or the shipping is priced in another currency than the quote.",
  INVALID_AMOUNT: "A price or promotion amount is not a non-negative integer of minor units within the shop's maximum.",
  INVALID_QUANTITY: "A quantity is not a positive integer.",
  INVALID_REFERENCE: "Two lines or services share an id, or a service names a line the cart does not have.",
  INVALID_PROMOTION: "A promotion's rule is malformed (a rate outside 0-100%, buy/pay or nth that make no sense, a code used twice).",
  INVALID_TAX_RATE: "A tax rate is outside 0-100%, or a country or province has two entries.",
  INVALID_DATE: "The quote's instant or a promotion's window is not a valid date.",
} as const;

export type QuoteInputErrorCode = keyof typeof quoteInputErrorCodes;

export class QuoteInputError extends Error {
  constructor(readonly code: QuoteInputErrorCode, message: string) {
    super(message);
    this.name = "QuoteInputError";
  }
}
