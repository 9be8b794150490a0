// Admin operations on promotions: thin, the rules are in PromotionAdminService.
import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { requireAdmin } from "@trolley/identity";
import { adminPayload } from "../admin-payload.js";
import type { PricingContext } from "../context.js";
import type { Promotion as PromotionRow } from "../generated/prisma/client.js";
import { Promotion, PromotionInput, PromotionPayload, SetPromotionActiveArgs, UpdatePromotionArgs } from "./promotion.type.js";

const TO = "manage promotions";

@Resolver(() => Promotion)
export class PromotionAdminResolver {
  @Query(() => [Promotion], { description: "Admin: every promotion, active or not, by priority." })
  async promotions(@Ctx() ctx: PricingContext): Promise<Promotion[]> {
    requireAdmin(ctx.identity, TO);
    return (await ctx.promotions.list()).map((row) => Promotion.from(row, ctx.storeCurrency));
  }

  @Mutation(() => PromotionPayload, { description: "Admin: a new promotion, active at once (publishes PromotionChanged)." })
  createPromotion(@Arg("input", () => PromotionInput) input: PromotionInput, @Ctx() ctx: PricingContext): Promise<PromotionPayload> {
    const admin = requireAdmin(ctx.identity, TO);
    return payload(ctx, () => ctx.promotions.create(input, admin.subject));
  }

  @Mutation(() => PromotionPayload, { description: "Admin: replaces a promotion's rule and settings; its activity and uses stay (publishes PromotionChanged)." })
  updatePromotion(@Args(() => UpdatePromotionArgs) { id, input }: UpdatePromotionArgs, @Ctx() ctx: PricingContext): Promise<PromotionPayload> {
    const admin = requireAdmin(ctx.identity, TO);
    return payload(ctx, () => ctx.promotions.update(id, input, admin.subject));
  }

  @Mutation(() => PromotionPayload, { description: "Admin: turns a promotion on or off for every cart (publishes PromotionChanged)." })
  setPromotionActive(@Args(() => SetPromotionActiveArgs) { id, active }: SetPromotionActiveArgs, @Ctx() ctx: PricingContext): Promise<PromotionPayload> {
    const admin = requireAdmin(ctx.identity, TO);
    return payload(ctx, () => ctx.promotions.setActive(id, active, admin.subject));
  }
}

async function payload(ctx: PricingContext, work: () => Promise<PromotionRow>): Promise<PromotionPayload> {
  const { value, userErrors } = await adminPayload(work);
  return { promotion: value && Promotion.from(value, ctx.storeCurrency), userErrors };
}
