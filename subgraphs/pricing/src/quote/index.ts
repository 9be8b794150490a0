// The pricing engine's public face: compute a quote, judge a code, hash a quote, and the types.
export { computeQuote } from "./compute-quote.js";
export { judgeCode, type CodeAnswer, type CodeJudgement } from "./judge-code.js";
export { quoteHash, canonicalJson } from "./quote-hash.js";
export { validateQuoteInput } from "./validate-quote-input.js";
export { QuoteInputError, quoteInputErrorCodes, type QuoteInputErrorCode } from "./quote.errors.js";
export type * from "./quote.types.js";
export type * from "./promotion.types.js";
