// Whether a code a shopper enters may go into the cart, and which held codes a change of the cart
// stopped applying. A code is judged by the quote itself (the engine's judgeCode: the cart as if it
// held the code), then against its usage limits as stored. Every attempt counts against the
// caller's limit first; every refusal is published as PromoCodeInvalid.
import type { Clock } from "@trolley/http";
import { judgeCode, type CodeAnswer } from "../quote/index.js";
import type { QuoteRequest, QuoteService } from "../quoting/quote.service.js";
import type { NewEvent } from "@trolley/outbox";
import type { CodeUseStore } from "../usage/code-use.store.js";
import { limitRefusal } from "../usage/code-limits.rules.js";
import { customerKey, type QuoteCustomer } from "../usage/customer-key.rules.js";
import type { CodeAttempts } from "./code-attempts.js";
import { promoCodeInvalid } from "./code.events.js";

export type CodeOutcomeValue =
  | "OK"
  | "DISCOUNT_CODE_INVALID"
  | "DISCOUNT_CODE_EXPIRED"
  | "DISCOUNT_CODE_USED_UP"
  | "DISCOUNT_CODE_NOT_APPLICABLE"
  | "DISCOUNT_CODE_CUSTOMER_REQUIRED"
  | "TOO_MANY_ATTEMPTS";

export interface CodeVerdict {
  outcome: CodeOutcomeValue;
  /** The promotion's own spelling of the code; null when no promotion has it. */
  code: string | null;
  message: string;
}

export interface CodeStanding {
  code: string;
  applicableBefore: boolean;
  applicableAfter: boolean;
}

const outcomeOf: Record<CodeAnswer, CodeOutcomeValue> = {
  OK: "OK",
  INVALID: "DISCOUNT_CODE_INVALID",
  EXPIRED: "DISCOUNT_CODE_EXPIRED",
  NOT_APPLICABLE: "DISCOUNT_CODE_NOT_APPLICABLE",
};

const messages: Record<CodeOutcomeValue, string> = {
  OK: "The code applies to this cart.",
  DISCOUNT_CODE_INVALID: "No promotion has this code.",
  DISCOUNT_CODE_EXPIRED: "This code has expired or is not valid yet.",
  DISCOUNT_CODE_USED_UP: "This code has been used up.",
  DISCOUNT_CODE_NOT_APPLICABLE: "This cart does not meet the code's conditions.",
  DISCOUNT_CODE_CUSTOMER_REQUIRED: "Sign in or give an email address to use this code.",
  TOO_MANY_ATTEMPTS: "Too many codes were tried; try again later.",
};

export class DiscountCodeService {
  constructor(
    private readonly quotes: QuoteService,
    private readonly attempts: CodeAttempts,
    private readonly uses: CodeUseStore,
    /** Appends events to the outbox (one statement, no state to change with them) and wakes the relay. */
    private readonly publish: (events: NewEvent[]) => Promise<void>,
    private readonly clock: Clock,
  ) {}

  async judge(code: string, request: QuoteRequest, customer: QuoteCustomer | null, callerKey: string): Promise<CodeVerdict> {
    if (!(await this.attempts.allow(callerKey))) return this.refuse("TOO_MANY_ATTEMPTS", code, null, callerKey, customer);
    const at = this.clock.now();
    const rules = await this.quotes.rules();
    const judged = judgeCode(code, this.quotes.input(request, rules, at));
    const promotion = rules.promotions.find((candidate) => candidate.id === judged.promotionId) ?? null;
    if (judged.answer !== "OK" || !promotion) return this.refuse(outcomeOf[judged.answer], code, promotion?.code ?? null, callerKey, customer);

    if (promotion.usageLimit !== null || promotion.perCustomerLimit !== null) {
      const key = customerKey(customer);
      const refused = limitRefusal({ ...promotion, code: promotion.code! }, await this.uses.counts(promotion.id, key), key);
      if (refused) return this.refuse(refused.code as CodeOutcomeValue, code, promotion.code, callerKey, customer);
    }
    return { outcome: "OK", code: promotion.code, message: messages.OK };
  }

  /** For each code held after a change: whether it applied before the change and after it. */
  async standing(before: QuoteRequest, after: QuoteRequest): Promise<CodeStanding[]> {
    const at = this.clock.now();
    const [was, is] = await Promise.all([this.quotes.quote(before, { at }), this.quotes.quote(after, { at })]);
    const applied = new Set(was.codes.filter((standing) => standing.applicable).map((standing) => standing.code.trim().toUpperCase()));
    return is.codes.map((standing) => ({ code: standing.code, applicableBefore: applied.has(standing.code.trim().toUpperCase()), applicableAfter: standing.applicable }));
  }

  private async refuse(outcome: CodeOutcomeValue, entered: string, code: string | null, callerKey: string, customer: QuoteCustomer | null): Promise<CodeVerdict> {
    await this.publish([promoCodeInvalid(entered, outcome, callerKey, customer?.userId ?? null, this.clock.now())]);
    return { outcome, code, message: messages[outcome] };
  }
}
