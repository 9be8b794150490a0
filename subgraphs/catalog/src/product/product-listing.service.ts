// The product listing: a page of products in name order, filtered by a search term, a category and
// whether discontinued products count, read through the listing cache every catalog process shares.
// A page's cursors are keyset positions (name, id), so a page reads the same rows however many
// products are added before it.
import { badUserInput } from "@trolley/errors";
import { decodeCursor, encodeCursor, pageSize } from "@trolley/federation";
import type { ProductListingCache } from "./product-listing.cache.js";
import type { ProductStore } from "./product.store.js";
import type { ProductRecord } from "./product.type.js";

export const MAX_SEARCH_LENGTH = 100;

export interface ListingRequest {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  categorySlug?: string | null;
  includeDiscontinued?: boolean | null;
}

export interface ProductPage {
  edges: { cursor: string; row: ProductRecord }[];
  totalCount: number;
  hasNextPage: boolean;
}

export class ProductListingService {
  constructor(
    private readonly store: ProductStore,
    private readonly cache: ProductListingCache,
  ) {}

  async page({ first, after, search, categorySlug, includeDiscontinued }: ListingRequest): Promise<ProductPage> {
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
    const page = await this.cache.read(query, () => this.store.list(query));
    const edges = page.rows.map((row) => ({ cursor: encodeCursor([row.name, row.id]), row }));
    return { edges, totalCount: page.totalCount, hasNextPage: page.hasNextPage };
  }
}
