// Services only (the cart when a shopper selects shipping or changes the address, the order at
// checkout, each with its service identity): whether a selection fits a cart now. Thin; the field
// is @inaccessible, so the gateway never exposes it.
import { Args, Ctx, Directive, Query, Resolver } from "type-graphql";
import { requireService } from "@trolley/identity";
import type { ShippingContext } from "../context.js";
import { cartFromInput, selectionFromInput } from "./shipping-cart.mapping.js";
import { JudgeShippingArgs, ShippingJudgement } from "./judgement.type.js";

@Resolver()
export class JudgementResolver {
  @Query(() => ShippingJudgement, { description: "Services only. Whether a shipping selection fits the cart now (a refusal), and its price (selected)." })
  @Directive("@inaccessible")
  judgeShippingSelection(@Args(() => JudgeShippingArgs) { cart, selection }: JudgeShippingArgs, @Ctx() ctx: ShippingContext): Promise<ShippingJudgement> {
    requireService(ctx.identity, "judge shipping selections");
    return ctx.judgements.judge(cartFromInput(cart, ctx.defaultCountryCode), selectionFromInput(selection));
  }
}
