// Admin operations on products: thin, the rules are in ProductAdminService.
import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { requireAdmin } from "@trolley/identity";
import type { CatalogContext } from "../context.js";
import { ProductPayload, SetPriceArgs, SetStockArgs, SetWeightArgs } from "./product-admin.type.js";
import { Product, type ProductRecord } from "./product.type.js";

@Resolver()
export class ProductAdminResolver {
  @Mutation(() => ProductPayload, { description: "Admin: sets a product's price (publishes PriceChanged)." })
  setProductPrice(@Args(() => SetPriceArgs) { productId, amount }: SetPriceArgs, @Ctx() ctx: CatalogContext): Promise<ProductPayload> {
    requireAdmin(ctx.identity, "manage the catalog");
    return payload(() => ctx.productAdmin.setPrice(productId, amount));
  }

  @Mutation(() => ProductPayload, { description: "Admin: sets the units on hand (publishes StockChanged)." })
  setProductStock(@Args(() => SetStockArgs) { productId, quantity }: SetStockArgs, @Ctx() ctx: CatalogContext): Promise<ProductPayload> {
    requireAdmin(ctx.identity, "manage the catalog");
    return payload(() => ctx.productAdmin.setStockOnHand(productId, quantity));
  }

  @Mutation(() => ProductPayload, { description: "Admin: sets a product's shipping weight per unit (publishes ProductWeightChanged); INVALID_WEIGHT outside 0 to 1,000,000 g." })
  setProductWeight(@Args(() => SetWeightArgs) { productId, weightGrams }: SetWeightArgs, @Ctx() ctx: CatalogContext): Promise<ProductPayload> {
    requireAdmin(ctx.identity, "manage the catalog");
    return payload(() => ctx.productAdmin.setWeight(productId, weightGrams));
  }
}

async function payload(work: () => Promise<ProductRecord>): Promise<ProductPayload> {
  try {
    return { product: Product.from(await work()), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) return { product: null, userErrors: error.errors.map((e) => UserError.from(e)) };
    throw error;
  }
}
