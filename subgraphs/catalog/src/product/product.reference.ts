// How the gateway's references to a Product resolve here: through the request's loader, so all
// the products of one `_entities` call are fetched by one query.
import type { CatalogContext } from "../context.js";
import { Product } from "./product.type.js";

export const productReference = {
  async __resolveReference(reference: { id: string }, ctx: CatalogContext): Promise<Product | null> {
    const record = await ctx.loaders.product.load(reference.id);
    return record && Product.from(record);
  },
};
