// Adding and removing the services a shopper buys with the goods. The catalog judges a service
// before anything is locked (is it offered, for this line's product, or for a cart alone?); the
// service line is then written under the cart's row lock, with ServiceAdded, like any other
// change. The line is looked for again under the lock (it may have left meanwhile), and the unique
// indexes decide between two adds of the same service. Catalog unreachable: CATALOG_UNAVAILABLE,
// nothing changes.
import { checkTextArguments } from "@trolley/errors";
import type { CartChanges, ChangedCart } from "../cart/cart-changes.js";
import { cartNotActive } from "../cart/cart.rules.js";
import type { CartState } from "../cart/cart-state.js";
import type { CatalogClient } from "../clients/catalog.client.js";
import { lineForService, refusalOf } from "./service-line.rules.js";

export class ServiceLineService {
  constructor(
    /** The caller's cart as a read shows it (CartService.current). */
    private readonly current: (ownerId: string) => Promise<CartState>,
    private readonly catalog: CatalogClient,
    private readonly changes: CartChanges,
  ) {}

  /** With a lineId: a FOR_LINE service for that line of the caller's cart. Without: a STANDALONE service for the cart. */
  async add(ownerId: string, serviceId: string, lineId: string | null): Promise<ChangedCart> {
    checkTextArguments({ serviceId, ...(lineId !== null ? { lineId } : {}) });
    let productId: string | null = null;
    if (lineId !== null) {
      const seen = await this.current(ownerId);
      // A merged guest's cart is retired: it has no line to add a service to.
      if (seen.cart.status !== "ACTIVE") throw cartNotActive();
      productId = lineForService(seen.lines, lineId).productId;
    }
    const refusal = refusalOf(await this.catalog.serviceAvailability(serviceId, productId), lineId);
    if (refusal) throw refusal;
    return this.changes.make(ownerId, ({ lines }) => {
      // A line id always names the same product: present under the lock, the judgement holds.
      if (lineId !== null) lineForService(lines, lineId);
      return { addService: { serviceId, lineId } };
    });
  }

  /** SERVICE_LINE_NOT_FOUND when the caller's cart has no service line with that id. */
  remove(ownerId: string, serviceLineId: string): Promise<ChangedCart> {
    checkTextArguments({ serviceLineId });
    return this.changes.make(ownerId, () => ({ removeService: serviceLineId }));
  }
}
