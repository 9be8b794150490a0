import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { CatalogContext } from "../context.js";
import { Category } from "../category/category.type.js";
import { Product, ProductConnection, ProductsArgs } from "./product.type.js";

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { nullable: true })
  async product(@Arg("id", () => ID) id: string, @Ctx() ctx: CatalogContext): Promise<Product | null> {
    const record = await ctx.loaders.product.load(id);
    return record && Product.from(record);
  }

  @Query(() => ProductConnection, { description: "Products by name. Discontinued products are left out unless asked for." })
  async products(@Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: CatalogContext): Promise<ProductConnection> {
    const page = await ctx.listing.page(args);
    // Prime the loader so product references later in this request need no query.
    for (const { row } of page.edges) ctx.loaders.product.prime(row.id, row);
    const edges = page.edges.map(({ cursor, row }) => ({ cursor, node: Product.from(row) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() product: Product, @Ctx() ctx: CatalogContext): Promise<Category | null> | null {
    return product.categoryId ? ctx.loaders.category.load(product.categoryId) : null;
  }
}
