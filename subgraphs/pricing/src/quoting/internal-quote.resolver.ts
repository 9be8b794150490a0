// Services only (the cart and the order subgraphs, with their service identity): quoting a cart,
// judging a code, and reserving and releasing code uses at checkout. Thin; the fields are
// @inaccessible, so the gateway never exposes them.
import { Arg, Args, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireService } from "@trolley/identity";
import type { PricingContext } from "../context.js";
import {
  CodeJudgement,
  CodeOutcome,
  CodeReservation,
  CodeStanding,
  JudgeCodeArgs,
  QuoteAnswer,
  QuoteCartArgs,
  ReserveCodesArgs,
  StandingArgs,
} from "./quote-request.type.js";
import { quoteRequestFrom, refusingBadInput } from "./quote-request.mapping.js";

const TO = "use pricing's internal operations";

@Resolver()
export class InternalQuoteResolver {
  @Query(() => QuoteAnswer, { description: "Services only. The quote of a cart." })
  @Directive("@inaccessible")
  async quoteCart(@Args(() => QuoteCartArgs) { request, fresh }: QuoteCartArgs, @Ctx() ctx: PricingContext): Promise<QuoteAnswer> {
    requireService(ctx.identity, TO);
    const quote = await refusingBadInput(() => ctx.quotes.quote(quoteRequestFrom(request), { fresh: fresh === true }));
    return { quoteJson: JSON.stringify(quote), hash: quote.hash, totalMinor: String(quote.totalMinor), currencyCode: quote.currencyCode };
  }

  @Query(() => [CodeStanding], { description: "Services only. Each code held after a change, and whether it applied before and after it." })
  @Directive("@inaccessible")
  discountCodeStanding(@Args(() => StandingArgs) { before, after }: StandingArgs, @Ctx() ctx: PricingContext): Promise<CodeStanding[]> {
    requireService(ctx.identity, TO);
    return refusingBadInput(() => ctx.codes.standing(quoteRequestFrom(before, "before"), quoteRequestFrom(after, "after")));
  }

  @Mutation(() => CodeJudgement, { description: "Services only. Whether a code may go into the cart; limited per callerKey, each refusal published as PromoCodeInvalid." })
  @Directive("@inaccessible")
  async judgeDiscountCode(@Args(() => JudgeCodeArgs) { code, request, callerKey }: JudgeCodeArgs, @Ctx() ctx: PricingContext): Promise<CodeJudgement> {
    requireService(ctx.identity, TO);
    const verdict = await refusingBadInput(() => ctx.codes.judge(code, quoteRequestFrom(request), request.customer ?? null, callerKey));
    return { ...verdict, outcome: verdict.outcome as CodeOutcome };
  }

  @Mutation(() => CodeReservation, { description: "Services only. Reserves a use of every code for the checkout, or none (DISCOUNT_CODE_USED_UP)." })
  @Directive("@inaccessible")
  async reserveDiscountCodes(@Args(() => ReserveCodesArgs) { reservationId, codes, customer }: ReserveCodesArgs, @Ctx() ctx: PricingContext): Promise<CodeReservation> {
    requireService(ctx.identity, TO);
    try {
      await ctx.usage.reserve(reservationId, codes, customer);
      return { ok: true, userErrors: [] };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { ok: false, userErrors: error.errors.map(UserError.from) };
    }
  }

  @Mutation(() => Boolean, { description: "Services only. Releases the checkout's reserved code uses; false when none was reserved (a confirmed use stays)." })
  @Directive("@inaccessible")
  releaseDiscountCodes(@Arg("reservationId", () => ID) reservationId: string, @Ctx() ctx: PricingContext): Promise<boolean> {
    requireService(ctx.identity, TO);
    return ctx.usage.release(reservationId);
  }
}
