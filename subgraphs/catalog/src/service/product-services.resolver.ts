// Product.services: the active FOR_LINE offers of the product's category, through the request's
// loader, so the products of a page or a cart cost one query for all their categories.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { CatalogContext } from "../context.js";
import { Product } from "../product/product.type.js";
import { ServiceOffer } from "./service-offer.type.js";

@Resolver(() => Product)
export class ProductServicesResolver {
  @FieldResolver(() => [ServiceOffer], { description: "Services that can be added to a cart line of this product." })
  async services(@Root() product: Product, @Ctx() ctx: CatalogContext): Promise<ServiceOffer[]> {
    if (!product.categoryId) return [];
    return (await ctx.loaders.lineServicesOfCategory.load(product.categoryId)).map(ServiceOffer.from);
  }
}
