// What the catalog answers about its services: the standalone ones every cart may take, and (for
// the cart, at write time) whether a service may go with a line of a product or with a cart alone.
import type { ProductStore } from "../product/product.store.js";
import { availabilityOf, type Availability } from "./service-offer.rules.js";
import type { ServiceOfferStore } from "./service-offer.store.js";
import type { ServiceOfferRecord } from "./service-offer.type.js";

export class ServiceOfferService {
  constructor(
    private readonly offers: ServiceOfferStore,
    private readonly products: ProductStore,
  ) {}

  standalone(): Promise<ServiceOfferRecord[]> {
    return this.offers.standalone();
  }

  /** `productId` null: may the service go with a cart alone (STANDALONE)? Otherwise with a line of that product? */
  async availability(serviceId: string, productId: string | null): Promise<Availability> {
    const [offer, product] = await Promise.all([
      this.offers.withCategories(serviceId),
      productId === null ? null : this.products.findByIds([productId]).then(([found]) => found ?? null),
    ]);
    return availabilityOf(offer, productId === null ? { kind: "CART" } : { kind: "LINE", product });
  }
}
