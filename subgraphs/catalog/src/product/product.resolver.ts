import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { decodeCursor, encodeCursor, pageSize } from "@trolley/federation";
import { badUserInput } from "@trolley/errors";
import type { CatalogContext } from "../context.js";
import { Category } from "../category/category.type.js";
import { Product, ProductConnection } from "./product.type.js";

const MAX_SEARCH_LENGTH = 100;

@ArgsType()
class ProductsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => String, { nullable: true, description: "Matches product names (case-insensitive) or an exact SKU." })
  search?: string | null;

  @Field(() => String, { nullable: true })
  categorySlug?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  includeDiscontinued?: boolean;
}

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => Product, { nullable: true })
  async product(@Arg("id", () => ID) id: string, @Ctx() ctx: CatalogContext): Promise<Product | null> {
    const record = await ctx.loaders.product.load(id);
    return record && Product.from(record);
  }

  @Query(() => ProductConnection, { description: "Products by name. Discontinued products are left out unless asked for." })
  async products(
    @Args(() => ProductsArgs) { first, after, search, categorySlug, includeDiscontinued }: ProductsArgs,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProductConnection> {
    const term = search?.trim();
    if (term && term.length > MAX_SEARCH_LENGTH) throw badUserInput(`\`search\` is limited to ${MAX_SEARCH_LENGTH} characters.`);
    const position = after ? decodeCursor(after, 2) : undefined;
    const query = {
      first: pageSize(first),
      after: position && { name: String(position[0]), id: String(position[1]) },
      search: term || undefined,
      categorySlug: categorySlug ?? undefined,
      includeDiscontinued: includeDiscontinued ?? false,
    };
    const page = await ctx.listing.read(query, () => ctx.stores.products.list(query));
    // Prime the loader so product references later in this request need no query.
    for (const row of page.rows) ctx.loaders.product.prime(row.id, row);
    const edges = page.rows.map((row) => ({ cursor: encodeCursor([row.name, row.id]), node: Product.from(row) }));
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
