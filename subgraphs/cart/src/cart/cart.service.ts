// The cart's use cases. Each asks the catalog first (outside any transaction: no lock is held
// across a network call), then applies the rules to the locked cart inside one transaction that
// also writes the change's events to the outbox. A refusal throws a DomainError before anything is
// written, so a refused change changes nothing and publishes nothing.
import { DomainError, type UserErrorData } from "@trolley/errors";
import { GUEST_PREFIX } from "@trolley/identity";
import type { CatalogClient } from "../clients/catalog.client.js";
import type { Clock } from "@trolley/http";
import { checkProductFor, checkQuantity, checkRoomForNewLine, MAX_LINES_PER_CART, quantityAfterAdding } from "./cart.rules.js";
import { cleared, itemAdded, itemRemoved, merged, quantityChanged, type CartFact } from "./cart.events.js";
import type { CartLineRow, CartRow, CartStore, Tx } from "./cart.store.js";
import { checkBulkSize, planBulkAdd, type BulkLine } from "./bulk.rules.js";
import { nextCartId } from "./cart-id.rules.js";
import { cartState, type CartState } from "./cart-state.js";
import { planMerge } from "./merge.rules.js";

/** Where a change's events go, in the change's own transaction. */
export interface CartEventSink {
  append(tx: Tx, events: { type: string; aggregateId: string; userId: string | null; occurredAt: Date; data: Record<string, unknown> }[]): Promise<unknown>;
}

/** Told after a change committed: wakes the outbox relay and records the cart's activity. */
export type AfterCommit = (cart: CartRow) => void;

/** A line to write: quantity 0 deletes it; `saved` puts it on the saved-for-later list. */
interface LineWrite {
  productId: string;
  quantity: number;
  saved?: boolean;
}

interface Decision {
  writes: LineWrite[];
  facts: CartFact[];
}

export class CartService {
  constructor(
    private readonly store: CartStore,
    private readonly catalog: CatalogClient,
    private readonly events: CartEventSink,
    private readonly clock: Clock,
    private readonly afterCommit: AfterCommit = () => {},
    /** Told how many units a committed add or addMany put into a cart (metrics). */
    private readonly itemsAdded: (quantity: number) => void = () => {},
  ) {}

  async current(ownerId: string): Promise<CartState> {
    // One query on the hot path (every cart page view). A merged guest keeps seeing its retired
    // cart rather than getting a new one. Reading never writes: an owner without an active cart
    // sees an empty one under the id its row will get on the first change.
    const { carts, latestCartId } = await this.store.cartsToRead(ownerId, isGuest(ownerId));
    const shown = carts.find(({ cart }) => cart.status === "MERGED") ?? carts[0];
    if (shown) return cartState(shown.cart, shown.lines);
    const now = this.clock.now();
    const empty: CartRow = { id: nextCartId(ownerId, latestCartId), ownerId, status: "ACTIVE", updatedAt: now, lastActivityAt: now, abandonedAt: null, version: 0 };
    return { cart: empty, lines: [], saved: [] };
  }

  /** The owner's latest cart in any status, with its lines, or null (what support looks up). */
  async latest(ownerId: string): Promise<CartState | null> {
    const cart = await this.store.latestCartOf(ownerId);
    return cart && cartState(cart, await this.store.allLinesOf(cart.id));
  }

  async add(ownerId: string, productId: string, quantity: number): Promise<CartState> {
    checkQuantity(quantity, { allowZero: false });
    const product = (await this.catalog.products([productId])).get(productId);
    const state = await this.change(ownerId, ({ lines }) => {
      const existing = lines.find((line) => line.productId === productId);
      if (!existing) checkRoomForNewLine(lines.length);
      const target = quantityAfterAdding(existing?.quantity ?? 0, quantity);
      checkProductFor(productId, product, target);
      // Adding a product that was saved for later brings it back into the cart.
      return { writes: [{ productId, quantity: target }], facts: [itemAdded(productId, quantity, target)] };
    });
    this.itemsAdded(quantity);
    return state;
  }

  /** All lines or none; every failing line is reported with its index. */
  async addMany(ownerId: string, input: BulkLine[]): Promise<CartState> {
    checkBulkSize(input);
    const products = await this.catalog.products([...new Set(input.map((line) => line.productId))]);
    let added = 0;
    const state = await this.change(ownerId, ({ lines }) => {
      const plan = planBulkAdd(lines, input, products);
      added = plan.reduce((sum, line) => sum + line.added, 0);
      return {
        writes: plan.map(({ productId, quantity }) => ({ productId, quantity })),
        facts: plan.map(({ productId, added, quantity }) => itemAdded(productId, added, quantity, "BULK")),
      };
    });
    this.itemsAdded(added);
    return state;
  }

  async update(ownerId: string, productId: string, quantity: number): Promise<CartState> {
    checkQuantity(quantity, { allowZero: true });
    const current = (await this.current(ownerId)).lines.find((line) => line.productId === productId);
    if (!current) throw lineNotFound();
    // Lowering a quantity or removing a line needs no catalog answer, so it works while the catalog is down.
    const raising = quantity > current.quantity;
    const product = raising ? (await this.catalog.products([productId])).get(productId) : undefined;
    return this.change(ownerId, ({ lines }) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      // Checked against stock only when raising. If a concurrent change lowered the line after we
      // read it, `quantity` is still no more than a quantity the cart already held.
      if (raising && quantity > line.quantity) checkProductFor(productId, product, quantity);
      if (quantity === line.quantity) return { writes: [], facts: [] };
      const fact = quantity === 0 ? itemRemoved(productId, line.quantity, "UPDATED_TO_ZERO") : quantityChanged(productId, line.quantity, quantity);
      return { writes: [{ productId, quantity }], facts: [fact] };
    });
  }

  async remove(ownerId: string, productId: string): Promise<CartState> {
    return this.change(ownerId, ({ lines }) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      return { writes: [{ productId, quantity: 0 }], facts: [itemRemoved(productId, line.quantity)] };
    });
  }

  async clear(ownerId: string): Promise<CartState> {
    return this.change(ownerId, ({ lines }) => ({
      writes: lines.map((line) => ({ productId: line.productId, quantity: 0 })),
      facts: lines.length ? [cleared(lines.map(snapshot))] : [],
    }));
  }

  async saveForLater(ownerId: string, productId: string): Promise<CartState> {
    return this.change(ownerId, ({ lines, saved }) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      if (saved.length >= MAX_LINES_PER_CART) {
        throw new DomainError("CART_LIMIT_EXCEEDED", `At most ${MAX_LINES_PER_CART} items can be saved for later.`, ["productId"]);
      }
      return { writes: [{ productId, quantity: line.quantity, saved: true }], facts: [itemRemoved(productId, line.quantity, "SAVED_FOR_LATER")] };
    });
  }

  async moveToCart(ownerId: string, productId: string): Promise<CartState> {
    const product = (await this.catalog.products([productId])).get(productId);
    return this.change(ownerId, ({ lines, saved }) => {
      const item = saved.find((l) => l.productId === productId);
      if (!item) throw new DomainError("LINE_NOT_FOUND", "Nothing saved for later has this product.", ["productId"]);
      checkRoomForNewLine(lines.length);
      checkProductFor(productId, product, item.quantity);
      return { writes: [{ productId, quantity: item.quantity }], facts: [itemAdded(productId, item.quantity, item.quantity, "MOVED_FROM_SAVED")] };
    });
  }

  /**
   * Moves the guest cart's lines into the user's active cart and retires the guest cart (MERGED).
   * Returns the user's cart and the warnings of lines that were capped or skipped.
   */
  async mergeGuest(userId: string, guestId: string): Promise<CartState & { warnings: UserErrorData[] }> {
    if (await this.store.mergedCartOf(guestId)) throw alreadyMerged();
    const before = await this.store.existingActiveCart(guestId);
    const guestLines = before ? (await this.store.allLinesOf(before.id)).filter((line) => !line.savedAt) : [];
    const products = await this.catalog.products(guestLines.map((line) => line.productId));
    const now = this.clock.now();

    const result = await this.store.transaction(async (tx) => {
      // Even a guest that never had a cart is retired, so the same token cannot be merged twice.
      const [userCart, guestCart] = await this.store.lockActiveCarts(tx, [userId, guestId], now);
      if (await this.store.mergedCartOf(guestId, tx)) throw alreadyMerged();
      const userState = cartState(userCart, await this.store.allLinesOf(userCart.id, tx));
      const guestState = cartState(guestCart, await this.store.allLinesOf(guestCart.id, tx));
      const plan = planMerge(userState.lines, guestState.lines, products);
      for (const { productId, quantity } of plan.set) await this.store.putLine(tx, userCart.id, productId, quantity, null, now);
      await this.store.setStatus(tx, guestCart.id, "MERGED", now);
      const cart = await this.store.touch(tx, userCart.id, now);
      const fact = merged(guestCart.id, guestId, guestState.lines.map(snapshot), plan.warnings.map((w) => w.message));
      await this.events.append(tx, [{ ...fact, aggregateId: cart.id, userId, occurredAt: now }]);
      return { ...cartState(cart, await this.store.allLinesOf(cart.id, tx)), warnings: plan.warnings };
    });
    this.afterCommit(result.cart);
    return result;
  }

  /**
   * Locks the owner's active cart, lets `decide` look at its lines and name the writes and facts,
   * applies them with their events in the same transaction, and returns the new state.
   */
  private async change(ownerId: string, decide: (state: CartState) => Decision): Promise<CartState> {
    const now = this.clock.now();
    const { state, changed } = await this.store.transaction(async (tx) => {
      // Checked inside the transaction, so a change racing a merge cannot slip into a new guest cart.
      if (isGuest(ownerId) && (await this.store.mergedCartOf(ownerId, tx))) throw cartNotActive();
      const [cart] = await this.store.lockActiveCarts(tx, [ownerId], now);
      const { writes, facts } = decide(cartState(cart, await this.store.allLinesOf(cart.id, tx)));
      if (writes.length === 0) return { state: cartState(cart, await this.store.allLinesOf(cart.id, tx)), changed: false };

      await this.store.removeLines(tx, cart.id, writes.filter((w) => w.quantity === 0).map((w) => w.productId));
      for (const write of writes.filter((w) => w.quantity > 0)) {
        await this.store.putLine(tx, cart.id, write.productId, write.quantity, write.saved ? now : null, now);
      }
      const touched = await this.store.touch(tx, cart.id, now);
      await this.events.append(tx, facts.map((fact) => ({ ...fact, aggregateId: cart.id, userId: ownerId, occurredAt: now })));
      return { state: cartState(touched, await this.store.allLinesOf(cart.id, tx)), changed: true };
    });
    if (changed) this.afterCommit(state.cart);
    return state;
  }
}

const snapshot = (line: CartLineRow) => ({ productId: line.productId, quantity: line.quantity });
const isGuest = (ownerId: string) => ownerId.startsWith(GUEST_PREFIX);
const cartNotActive = () => new DomainError("CART_NOT_ACTIVE", "This guest cart was merged into a user's cart and can no longer change.");
const alreadyMerged = () => new DomainError("CART_ALREADY_MERGED", "This guest cart was already merged.", ["guestToken"]);
const lineNotFound = () => new DomainError("LINE_NOT_FOUND", "The cart has no line for this product.", ["productId"]);
