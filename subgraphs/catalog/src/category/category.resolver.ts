import { Ctx, Query, Resolver } from "type-graphql";
import type { CatalogContext } from "../context.js";
import { Category } from "./category.type.js";

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: "Every category, by name." })
  categories(@Ctx() ctx: CatalogContext): Promise<Category[]> {
    return ctx.categories.all();
  }
}
