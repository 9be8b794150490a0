// The cart's use cases. Each reads the catalog first (outside any transaction: no lock is held
// across a network call), then applies the rules to the locked cart inside one transaction.
// A refusal throws a DomainError before anything is written, so a refused change changes nothing.
import type { CatalogClient } from "../clients/catalog.client.js";
import { DomainError, type UserErrorData } from "@trolley/errors";
import { GUEST_PREFIX } from "@trolley/identity";
import { planMerge } from "./merge.rules.js";
import { checkProductFor, checkQuantity, checkRoomForNewLine, quantityAfterAdding } from "./cart.rules.js";
import type { CartLineRow, CartRow, CartStore } from "./cart.store.js";

export interface CartState {
  cart: CartRow;
  lines: CartLineRow[];
}

export class CartService {
  constructor(
    private readonly store: CartStore,
    private readonly catalog: CatalogClient,
  ) {}

  async current(ownerId: string): Promise<CartState> {
    // A merged guest keeps seeing its retired cart rather than getting a new one.
    const cart = (isGuest(ownerId) && (await this.store.mergedCartOf(ownerId))) || (await this.store.activeCart(ownerId));
    return { cart, lines: await this.store.linesOf(cart.id) };
  }

  async add(ownerId: string, productId: string, quantity: number): Promise<CartState> {
    checkQuantity(quantity, { allowZero: false });
    const product = (await this.catalog.productAvailability([productId])).get(productId);
    return this.change(ownerId, async (lines) => {
      const existing = lines.find((line) => line.productId === productId);
      if (!existing) checkRoomForNewLine(lines.length);
      const target = quantityAfterAdding(existing?.quantity ?? 0, quantity);
      checkProductFor(productId, product, target);
      return [{ productId, quantity: target }];
    });
  }

  async update(ownerId: string, productId: string, quantity: number): Promise<CartState> {
    checkQuantity(quantity, { allowZero: true });
    const before = await this.current(ownerId);
    const current = before.lines.find((line) => line.productId === productId);
    if (!current) throw lineNotFound();
    // Lowering a quantity or removing a line needs no catalog answer, so it works while the catalog is down.
    const raising = quantity > current.quantity;
    const product = raising ? (await this.catalog.productAvailability([productId])).get(productId) : undefined;
    return this.change(ownerId, async (lines) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      // Checked against stock only when raising. If a concurrent change lowered the line after we
      // read it, `quantity` is still no more than a quantity the cart already held.
      if (raising && quantity > line.quantity) checkProductFor(productId, product, quantity);
      return [{ productId, quantity }];
    });
  }

  async remove(ownerId: string, productId: string): Promise<CartState> {
    return this.change(ownerId, async (lines) => {
      if (!lines.some((line) => line.productId === productId)) throw lineNotFound();
      return [{ productId, quantity: 0 }];
    });
  }

  async clear(ownerId: string): Promise<CartState> {
    return this.change(ownerId, async (lines) => lines.map((line) => ({ productId: line.productId, quantity: 0 })));
  }

  /**
   * Moves the guest cart's lines into the user's active cart and retires the guest cart (MERGED).
   * Returns the user's cart and the warnings of lines that were capped or skipped.
   */
  async mergeGuest(userId: string, guestId: string): Promise<CartState & { warnings: UserErrorData[] }> {
    if (await this.store.mergedCartOf(guestId)) throw alreadyMerged();
    const before = await this.store.existingActiveCart(guestId);
    const guestLines = before ? await this.store.linesOf(before.id) : [];
    const products = await this.catalog.productAvailability(guestLines.map((line) => line.productId));

    return this.store.transaction(async (tx) => {
      const userCart = await this.store.activeCart(userId, tx);
      // Even a guest that never had a cart is retired, so the same token cannot be merged twice.
      const guestCart = await this.store.activeCart(guestId, tx);
      await this.store.lock(tx, [userCart.id, guestCart.id]);
      if (await this.store.mergedCartOf(guestId, tx)) throw alreadyMerged();
      const plan = planMerge(await this.store.linesOf(userCart.id, tx), await this.store.linesOf(guestCart.id, tx), products);
      for (const { productId, quantity } of plan.set) await this.store.setLineQuantity(tx, userCart.id, productId, quantity);
      await this.store.setStatus(tx, guestCart.id, "MERGED");
      const cart = plan.set.length ? await this.store.touch(tx, userCart.id) : userCart;
      return { cart, lines: await this.store.linesOf(userCart.id, tx), warnings: plan.warnings };
    });
  }

  /**
   * Locks the owner's cart, lets `decide` look at its current lines and name the quantities to
   * set (0 removes), writes them, and returns the new state.
   */
  private change(ownerId: string, decide: (lines: CartLineRow[]) => Promise<{ productId: string; quantity: number }[]>) {
    return this.store.changeActiveCart(ownerId, async (tx, cart) => {
      // Checked under the lock, so a change racing a merge cannot slip into a new guest cart.
      if (isGuest(ownerId) && (await this.store.mergedCartOf(ownerId, tx))) throw cartNotActive();
      const changes = await decide(await this.store.linesOf(cart.id, tx));
      for (const { productId, quantity } of changes) {
        if (quantity === 0) await this.store.removeLine(tx, cart.id, productId);
        else await this.store.setLineQuantity(tx, cart.id, productId, quantity);
      }
      const touched = changes.length ? await this.store.touch(tx, cart.id) : cart;
      return { cart: touched, lines: await this.store.linesOf(cart.id, tx) };
    });
  }
}

const isGuest = (ownerId: string) => ownerId.startsWith(GUEST_PREFIX);
const cartNotActive = () => new DomainError("CART_NOT_ACTIVE", "This guest cart was merged into a user's cart and can no longer change.");
const alreadyMerged = () => new DomainError("CART_ALREADY_MERGED", "This guest cart was already merged.", ["guestToken"]);
const lineNotFound = () => new DomainError("LINE_NOT_FOUND", "The cart has no line for this product.", ["productId"]);
