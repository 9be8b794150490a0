// The cart's calls to the pricing context, with the cart's service identity and a timeout: whether
// a code the shopper enters may go into the cart (judgeDiscountCode), and which held codes a change
// stopped applying (discountCodeStanding). Pricing owns those rules; the cart only asks. Judging
// is a mutation: it counts an attempt against the caller and publishes refusals. Any failure to
// get a usable answer is PRICING_UNAVAILABLE, and the caller changes nothing.
import { DomainError } from "@trolley/errors";
import { callSubgraph, SubgraphUnavailable, type SubgraphEndpoint } from "@trolley/http";
import { serviceIdentity } from "@trolley/identity";
import type { QuoteRequest } from "@trolley/federation";

export type { QuoteCustomer, QuoteLineRequest, QuoteRequest } from "@trolley/federation";

export const codeOutcomes = [
  "OK",
  "DISCOUNT_CODE_INVALID",
  "DISCOUNT_CODE_EXPIRED",
  "DISCOUNT_CODE_USED_UP",
  "DISCOUNT_CODE_NOT_APPLICABLE",
  "DISCOUNT_CODE_CUSTOMER_REQUIRED",
  "TOO_MANY_ATTEMPTS",
] as const;
export type CodeOutcome = (typeof codeOutcomes)[number];

export interface CodeJudgement {
  outcome: CodeOutcome;
  /** The promotion's own spelling of the code; null when no promotion has it. */
  code: string | null;
  message: string;
}

export interface CodeStanding {
  code: string;
  applicableBefore: boolean;
  applicableAfter: boolean;
}

export interface PricingClient {
  /** Whether `code` may go into a cart like `request`; counts one attempt of `callerKey`. */
  judgeDiscountCode(code: string, request: QuoteRequest, callerKey: string): Promise<CodeJudgement>;
  /** For each code `after` holds: whether it applied in `before` and whether it applies in `after`. */
  discountCodeStanding(before: QuoteRequest, after: QuoteRequest): Promise<CodeStanding[]>;
}

export class PricingUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super("PRICING_UNAVAILABLE", "Discount codes could not be checked just now, so the cart was not changed. Please retry.");
  }
}

const JUDGE = `mutation JudgeDiscountCode($code: String!, $request: QuoteRequestInput!, $callerKey: String!) {
  judgeDiscountCode(code: $code, request: $request, callerKey: $callerKey) { outcome code message }
}`;
const STANDING = `query DiscountCodeStanding($before: QuoteRequestInput!, $after: QuoteRequestInput!) {
  discountCodeStanding(before: $before, after: $after) { code applicableBefore applicableAfter }
}`;

const isJudgement = (answer: CodeJudgement | null | undefined): answer is CodeJudgement =>
  !!answer && (codeOutcomes as readonly string[]).includes(answer.outcome) && typeof answer.message === "string";

const isStanding = (answer: CodeStanding | null | undefined): answer is CodeStanding =>
  !!answer && typeof answer.code === "string" && typeof answer.applicableBefore === "boolean" && typeof answer.applicableAfter === "boolean";

export function httpPricingClient(settings: Omit<SubgraphEndpoint, "service">): PricingClient {
  const endpoint = { ...settings, service: "pricing" };
  const identity = serviceIdentity("cart");
  const call = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    try {
      return await callSubgraph<T>(endpoint, identity, query, variables);
    } catch (error) {
      if (error instanceof SubgraphUnavailable) throw new PricingUnavailable(error.message);
      throw error;
    }
  };
  return {
    async judgeDiscountCode(code, request, callerKey) {
      const { judgeDiscountCode: answer } = await call<{ judgeDiscountCode?: CodeJudgement | null }>(JUDGE, { code, request, callerKey });
      if (!isJudgement(answer)) throw new PricingUnavailable("unexpected judgement");
      return { outcome: answer.outcome, code: answer.code ?? null, message: answer.message };
    },
    async discountCodeStanding(before, after) {
      const { discountCodeStanding: answer } = await call<{ discountCodeStanding?: CodeStanding[] | null }>(STANDING, { before, after });
      if (!Array.isArray(answer) || !answer.every(isStanding)) throw new PricingUnavailable("unexpected standing");
      return answer.map(({ code, applicableBefore, applicableAfter }) => ({ code, applicableBefore, applicableAfter }));
    },
  };
}
