// Whether a service may go with a cart line of a product, or with a cart alone. Pure: the offer (with
// the categories it is sold with) and the product as the stores found them, in; the answer out.
import type { ServiceOfferRecord } from "./service-offer.type.js";

/** An offer with the categories whose products it is sold with (none for a STANDALONE one). */
export interface OfferWithCategories extends ServiceOfferRecord {
  categoryIds: string[];
}

/**
 * What the caller asks about: a line of a product (null when the catalog has no such product), or
 * the cart itself (a standalone service).
 */
export type ServiceTarget = { kind: "LINE"; product: { categoryId: string | null } | null } | { kind: "CART" };

export interface Availability {
  /** Null when there is no such offer or it is no longer offered. */
  service: ServiceOfferRecord | null;
  available: boolean;
}

export function availabilityOf(offer: OfferWithCategories | null, target: ServiceTarget): Availability {
  if (!offer || !offer.active) return { service: null, available: false };
  const { categoryIds, ...service } = offer;
  if (target.kind === "CART") return { service, available: offer.kind === "STANDALONE" };
  const categoryId = target.product?.categoryId;
  // A product without a category is offered no line services.
  const available = offer.kind === "FOR_LINE" && !!categoryId && categoryIds.includes(categoryId);
  return { service, available };
}
