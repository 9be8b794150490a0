// Admin operations on tax rates: thin, the rules are in TaxRateAdminService.
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { requireAdmin } from "@trolley/identity";
import { adminPayload } from "../admin-payload.js";
import type { PricingContext } from "../context.js";
import { TaxRate, TaxRateInput, TaxRatePayload } from "./tax-rate.type.js";

const TO = "manage tax rates";

@Resolver(() => TaxRate)
export class TaxRateAdminResolver {
  @Query(() => [TaxRate], { description: "Admin: every tax rate, by country and province." })
  async taxRates(@Ctx() ctx: PricingContext): Promise<TaxRate[]> {
    requireAdmin(ctx.identity, TO);
    return ctx.taxRates.list();
  }

  @Mutation(() => TaxRatePayload, { description: "Admin: creates or replaces the rates of a country or province (publishes TaxRateChanged)." })
  async setTaxRate(@Arg("input", () => TaxRateInput) input: TaxRateInput, @Ctx() ctx: PricingContext): Promise<TaxRatePayload> {
    const admin = requireAdmin(ctx.identity, TO);
    const { value, userErrors } = await adminPayload(() => ctx.taxRates.set(input, admin.subject));
    return { taxRate: value, userErrors };
  }
}
