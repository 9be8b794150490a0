// How references to a ServiceOffer (the cart's service lines) resolve here: through the request's
// loader, so all the offers of one `_entities` call are one query. A withdrawn offer still
// resolves: a cart that holds it shows what it was.
import type { CatalogContext } from "../context.js";
import { ServiceOffer } from "./service-offer.type.js";

export const serviceOfferReference = {
  async __resolveReference(reference: { id: string }, ctx: CatalogContext): Promise<ServiceOffer | null> {
    const record = await ctx.loaders.serviceOffer.load(reference.id);
    return record && ServiceOffer.from(record);
  },
};
