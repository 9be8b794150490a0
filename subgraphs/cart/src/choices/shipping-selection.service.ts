// Selecting shipping, and asking whether a selection still fits a new address. The shipping context
// judges a selection against the cart as it is (its lines with the catalog's weights and prices, its
// address) before anything is locked; the selection is then written under the cart's row lock with
// its events, like any other change. If the cart's lines or address changed between the judgement
// and the lock, the judgement is about another cart: it is asked again for the cart as it now is.
import type { Logger } from "@trolley/http";
import type { CartChanges, ChangedCart } from "../cart/cart-changes.js";
import { deliveryDateSelected, shippingMethodSelected } from "../cart/cart.events.js";
import { cartNotActive } from "../cart/cart.rules.js";
import type { CartState } from "../cart/cart-state.js";
import { CatalogUnavailable, type CatalogClient } from "../clients/catalog.client.js";
import { ShippingUnavailable, type ShippingClient } from "../clients/shipping.client.js";
import { storedAddress, type ShippingAddress } from "./address.rules.js";
import { shippingCartRequest } from "./shipping-request.rules.js";
import {
  cartEmpty,
  chosenSelection,
  judgedForLocked,
  refusalOf,
  sameSelection,
  selectionOf,
  type ChosenShipping,
  type ShippingSelection,
} from "./shipping-selection.rules.js";

/** Judgements of one change before it gives up on a cart that keeps changing under it. */
export const MAX_JUDGEMENTS = 3;

export class ShippingSelectionService {
  constructor(
    /** The caller's cart as a read shows it (CartService.current). */
    private readonly current: (ownerId: string) => Promise<CartState>,
    private readonly catalog: CatalogClient,
    private readonly shipping: ShippingClient,
    private readonly changes: CartChanges,
    /** An empty cart's currency (the shop's). */
    private readonly storeCurrency: string,
    private readonly logger: Pick<Logger, "warn">,
  ) {}

  /**
   * Replaces the cart's selection with `chosen` if shipping says it fits the cart. Selecting what
   * the cart holds changes nothing (a retried request answers as the first did).
   */
  async select(ownerId: string, chosen: ChosenShipping): Promise<ChangedCart> {
    const selection = chosenSelection(chosen);
    for (let judgement = 1; ; judgement++) {
      const seen = await this.current(ownerId);
      // A merged guest's cart is retired: nothing to ship.
      if (seen.cart.status !== "ACTIVE") throw cartNotActive();
      if (seen.lines.length === 0) throw cartEmpty();
      if (sameSelection(selectionOf(seen.cart), selection)) return { ...seen, warnings: [] };
      const refusal = refusalOf(await this.judge(seen, storedAddress(seen.cart.shippingAddress), selection));
      if (refusal) throw refusal;

      let stale = false;
      const changed = await this.changes.make(ownerId, (locked) => {
        if (!judgedForLocked(seen, locked) || locked.lines.length === 0) {
          stale = true;
          return {};
        }
        if (sameSelection(selectionOf(locked.cart), selection)) return {};
        const facts = [shippingMethodSelected(selection.optionId, selection.addOnIds)];
        if (selection.deliveryDate !== null) facts.push(deliveryDateSelected(selection.optionId, selection.deliveryDate));
        return { choices: { shippingSelection: selection }, facts };
      });
      if (!stale) return changed;
      if (judgement === MAX_JUDGEMENTS) throw new Error(`the cart of ${ownerId} kept changing while its shipping selection was judged`);
    }
  }

  /**
   * Whether `selection` still fits the cart `state` shipped to `address`. When that cannot be known
   * now (shipping or the catalog unreachable), it is kept: reading the cart and checkout judge it
   * again, and an address change is not refused for another context's outage.
   */
  async stillFits(state: CartState, selection: ShippingSelection, address: ShippingAddress): Promise<boolean> {
    try {
      return refusalOf(await this.judge(state, address, selection)) === null;
    } catch (error) {
      if (!(error instanceof ShippingUnavailable || error instanceof CatalogUnavailable)) throw error;
      this.logger.warn("shipping selection not judged for a new address: kept", { reason: error.reason });
      return true;
    }
  }

  private async judge(state: CartState, address: ShippingAddress | null, selection: ShippingSelection) {
    const products = await this.catalog.products(state.lines.map((line) => line.productId));
    return this.shipping.judgeSelection(shippingCartRequest(state.lines, products, address, this.storeCurrency), selection);
  }
}
