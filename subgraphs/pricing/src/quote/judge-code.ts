// What the service answers a shopper who enters a code: the quote is computed as if the cart held
// it, and the code's standing there decides, so the answer and the cart never disagree.
//   INVALID: no promotion has the code.
//   EXPIRED: its window is over, or has not started.
//   NOT_APPLICABLE: this cart does not meet its conditions now, or it would take nothing off.
//   OK: it applies, or it qualifies but a better exclusive offer wins for now (the cart keeps it
//       and shows it not applicable; it applies once it is the better offer).
// Usage limits are not judged here: the service checks them against stored usage.
import { computeQuote } from "./compute-quote.js";
import type { CodeRejection, QuoteInput } from "./quote.types.js";

export type CodeAnswer = "OK" | "INVALID" | "EXPIRED" | "NOT_APPLICABLE";

export interface CodeJudgement {
  answer: CodeAnswer;
  promotionId: string | null;
}

const answerFor: Record<CodeRejection, CodeAnswer> = {
  UNKNOWN: "INVALID",
  NOT_STARTED: "EXPIRED",
  EXPIRED: "EXPIRED",
  CONDITIONS_NOT_MET: "NOT_APPLICABLE",
  NOT_CHOSEN: "OK",
};

export function judgeCode(code: string, input: QuoteInput): CodeJudgement {
  const quote = computeQuote({ ...input, codes: [code, ...input.codes] });
  const standing = quote.codes[0];
  return { answer: standing.reason ? answerFor[standing.reason] : "OK", promotionId: standing.promotionId };
}
