// The shopper's email and shipping address. Both are validated by plain rules before anything else
// and written as any change is (CartChanges: the row lock, the outbox, the version). Setting what
// the cart already holds changes nothing. A new address can make the shipping selection stop
// fitting: the shipping context is asked first (outside the lock), and a selection it refuses for
// the new place is dropped in the same change, with a warning.
import type { CartChanges, ChangedCart, Decision } from "../cart/cart-changes.js";
import { emailProvided, shippingAddressProvided } from "../cart/cart.events.js";
import { cartNotActive } from "../cart/cart.rules.js";
import type { CartState } from "../cart/cart-state.js";
import { validAddress, type EnteredAddress } from "./address.rules.js";
import { normalisedEmail } from "./email.rules.js";
import { addressChange, selectionDropped, selectionToJudge, type SelectionVerdict } from "./shipping-selection.rules.js";
import { MAX_JUDGEMENTS, type ShippingSelectionService } from "./shipping-selection.service.js";

export class CartChoicesService {
  constructor(
    /** The caller's cart as a read shows it (CartService.current). */
    private readonly current: (ownerId: string) => Promise<CartState>,
    private readonly selections: ShippingSelectionService,
    private readonly changes: CartChanges,
  ) {}

  setEmail(ownerId: string, entered: string): Promise<ChangedCart> {
    const email = normalisedEmail(entered);
    return this.changes.make(ownerId, ({ cart }) => (cart.email === email ? {} : { choices: { email }, facts: [emailProvided(email)] }));
  }

  async setShippingAddress(ownerId: string, entered: EnteredAddress): Promise<ChangedCart> {
    const address = validAddress(entered);
    for (let judgement = 1; ; judgement++) {
      const seen = await this.current(ownerId);
      if (seen.cart.status !== "ACTIVE") throw cartNotActive();
      const selection = selectionToJudge(seen, address);
      const verdict: SelectionVerdict | null = selection && { seen, selection, fits: await this.selections.stillFits(seen, selection, address) };

      let stale = false;
      const changed = await this.changes.make(ownerId, (locked): Decision => {
        const change = addressChange(locked, address, verdict);
        if (change.kind === "stale") stale = true;
        if (change.kind !== "set") return {};
        const { dropSelection } = change;
        return {
          choices: { shippingAddress: address, ...(dropSelection ? { shippingSelection: null } : {}) },
          facts: [shippingAddressProvided(address, dropSelection)],
          warnings: dropSelection ? [selectionDropped()] : [],
        };
      });
      if (!stale) return changed;
      if (judgement === MAX_JUDGEMENTS) throw new Error(`the cart of ${ownerId} kept changing while its shipping selection was judged for a new address`);
    }
  }
}
