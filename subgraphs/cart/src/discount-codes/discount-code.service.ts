// Entering and removing discount codes. Pricing judges a code against the cart as it is (its lines
// at the catalog's prices, its codes, its customer) before anything is locked; the code is then
// written under the cart's row lock, with PromoCodeApplied, like any other change. If the cart
// changed between the judgement and the lock (another change, a checkout that closed it), the
// judgement is about another cart: it is asked again for the cart as it now is.
import type { CartChanges, ChangedCart } from "../cart/cart-changes.js";
import type { CartState } from "../cart/cart-state.js";
import type { CatalogClient } from "../clients/catalog.client.js";
import type { PricingClient } from "../clients/pricing.client.js";
import { cartNotActive } from "../cart/cart.rules.js";
import { enteredCode, judgedCartIsLocked, refusalOf } from "./discount-code.rules.js";
import type { DiscountCodeStore } from "./discount-code.store.js";
import { customerOf, quoteRequest } from "./quote-request.rules.js";

/** Judgements of one apply before it gives up on a cart that keeps changing under it. */
const MAX_JUDGEMENTS = 3;

export class DiscountCodeService {
  constructor(
    /** The caller's cart as a read shows it (CartService.current). */
    private readonly current: (ownerId: string) => Promise<CartState>,
    private readonly codes: DiscountCodeStore,
    private readonly catalog: CatalogClient,
    private readonly pricing: PricingClient,
    private readonly changes: CartChanges,
    /** An empty cart's currency (the shop's). */
    private readonly storeCurrency: string,
  ) {}

  /** Holds `code` if pricing says it may go into the cart; a code already held (in any case) changes nothing. */
  async apply(ownerId: string, entered: string): Promise<ChangedCart> {
    const code = enteredCode(entered);
    for (let judgement = 1; ; judgement++) {
      const seen = await this.current(ownerId);
      // A merged guest's cart is retired: nothing to judge a code for.
      if (seen.cart.status !== "ACTIVE") throw cartNotActive();
      const held = await this.codes.codesOf(seen.cart.id);
      if (held.length > 0 && (await this.codes.heldCode(seen.cart.id, code))) return { ...seen, warnings: [] };
      const products = await this.catalog.products(seen.lines.map((line) => line.productId));
      const request = quoteRequest(seen.lines, held.map((row) => row.code), products, customerOf(ownerId), this.storeCurrency);
      const refusal = refusalOf(await this.pricing.judgeDiscountCode(code, request, ownerId));
      if (refusal) throw refusal;

      let stale = false;
      const changed = await this.changes.make(ownerId, (locked) => {
        if (!judgedCartIsLocked({ ...seen, codes: held }, locked)) {
          stale = true;
          return {};
        }
        return { addCode: code };
      });
      if (!stale) return changed;
      // Each new judgement counts as an attempt at pricing too; a cart changing this fast is not a shopper's.
      if (judgement === MAX_JUDGEMENTS) throw new Error(`the cart of ${ownerId} kept changing while a discount code was judged`);
    }
  }

  /** Removes the held code that matches `code` in any case; DISCOUNT_CODE_NOT_FOUND if none does. */
  remove(ownerId: string, code: string): Promise<ChangedCart> {
    return this.changes.make(ownerId, () => ({ removeCode: code.trim() }));
  }
}
