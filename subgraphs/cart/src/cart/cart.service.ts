// The cart's use cases. Each asks the catalog first (outside any transaction: no lock is held
// across a network call), then applies the rules to the locked cart through CartChanges, which
// writes the change and its events (outbox) in one transaction. A refusal throws a DomainError
// before anything is written, so a refused change changes nothing and publishes nothing.
import { DomainError } from "@trolley/errors";
import { GUEST_PREFIX } from "@trolley/identity";
import type { CatalogClient } from "../clients/catalog.client.js";
import type { Clock } from "@trolley/http";
import { checkProductFor, checkQuantity, checkRoomForNewLine, MAX_LINES_PER_CART, quantityAfterAdding } from "./cart.rules.js";
import { cleared, itemAdded, itemRemoved, lineSnapshot, quantityChanged } from "./cart.events.js";
import type { CartRow, CartStore } from "./cart.store.js";
import type { CartChanges, ChangedCart } from "./cart-changes.js";
import { checkBulkSize, planBulkAdd, type BulkLine } from "./bulk.rules.js";
import { nextCartId } from "./cart-id.rules.js";
import { cartState, type CartState } from "./cart-state.js";

export class CartService {
  constructor(
    private readonly store: CartStore,
    private readonly catalog: CatalogClient,
    private readonly changes: CartChanges,
    private readonly clock: Clock,
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
    const empty: CartRow = {
      id: nextCartId(ownerId, latestCartId),
      ownerId,
      status: "ACTIVE",
      updatedAt: now,
      lastActivityAt: now,
      abandonedAt: null,
      version: 0,
      email: null,
      shippingAddress: null,
      shippingOptionId: null,
      deliveryDate: null,
      shippingAddOnIds: [],
    };
    return { cart: empty, lines: [], saved: [] };
  }

  /** The owner's latest cart in any status, with its lines, or null (what support looks up). */
  async latest(ownerId: string): Promise<CartState | null> {
    const cart = await this.store.latestCartOf(ownerId);
    return cart && cartState(cart, await this.store.allLinesOf(cart.id));
  }

  async add(ownerId: string, productId: string, quantity: number): Promise<ChangedCart> {
    checkQuantity(quantity, { allowZero: false });
    const product = (await this.catalog.products([productId])).get(productId);
    const state = await this.changes.make(ownerId, ({ lines }) => {
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
  async addMany(ownerId: string, input: BulkLine[]): Promise<ChangedCart> {
    checkBulkSize(input);
    const products = await this.catalog.products([...new Set(input.map((line) => line.productId))]);
    let added = 0;
    const state = await this.changes.make(ownerId, ({ lines }) => {
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

  async update(ownerId: string, productId: string, quantity: number): Promise<ChangedCart> {
    checkQuantity(quantity, { allowZero: true });
    const current = (await this.current(ownerId)).lines.find((line) => line.productId === productId);
    if (!current) throw lineNotFound();
    // Lowering a quantity or removing a line needs no catalog answer, so it works while the catalog is down.
    const raising = quantity > current.quantity;
    const product = raising ? (await this.catalog.products([productId])).get(productId) : undefined;
    return this.changes.make(ownerId, ({ lines }) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      // Checked against stock only when raising. If a concurrent change lowered the line after we
      // read it, `quantity` is still no more than a quantity the cart already held.
      if (raising && quantity > line.quantity) checkProductFor(productId, product, quantity);
      if (quantity === line.quantity) return {};
      const fact = quantity === 0 ? itemRemoved(productId, line.quantity, "UPDATED_TO_ZERO") : quantityChanged(productId, line.quantity, quantity);
      return { writes: [{ productId, quantity }], facts: [fact] };
    });
  }

  async remove(ownerId: string, productId: string): Promise<ChangedCart> {
    return this.changes.make(ownerId, ({ lines }) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      return { writes: [{ productId, quantity: 0 }], facts: [itemRemoved(productId, line.quantity)] };
    });
  }

  async clear(ownerId: string): Promise<ChangedCart> {
    return this.changes.make(ownerId, ({ lines }) => ({
      writes: lines.map((line) => ({ productId: line.productId, quantity: 0 })),
      facts: lines.length ? [cleared(lines.map(lineSnapshot))] : [],
    }));
  }

  async saveForLater(ownerId: string, productId: string): Promise<ChangedCart> {
    return this.changes.make(ownerId, ({ lines, saved }) => {
      const line = lines.find((l) => l.productId === productId);
      if (!line) throw lineNotFound();
      if (saved.length >= MAX_LINES_PER_CART) {
        throw new DomainError("CART_LIMIT_EXCEEDED", `At most ${MAX_LINES_PER_CART} items can be saved for later.`, ["productId"]);
      }
      return { writes: [{ productId, quantity: line.quantity, saved: true }], facts: [itemRemoved(productId, line.quantity, "SAVED_FOR_LATER")] };
    });
  }

  async moveToCart(ownerId: string, productId: string): Promise<ChangedCart> {
    const product = (await this.catalog.products([productId])).get(productId);
    return this.changes.make(ownerId, ({ lines, saved }) => {
      const item = saved.find((l) => l.productId === productId);
      if (!item) throw new DomainError("LINE_NOT_FOUND", "Nothing saved for later has this product.", ["productId"]);
      checkRoomForNewLine(lines.length);
      checkProductFor(productId, product, item.quantity);
      return { writes: [{ productId, quantity: item.quantity }], facts: [itemAdded(productId, item.quantity, item.quantity, "MOVED_FROM_SAVED")] };
    });
  }
}

const isGuest = (ownerId: string) => ownerId.startsWith(GUEST_PREFIX);
const lineNotFound = () => new DomainError("LINE_NOT_FOUND", "The cart has no line for this product.", ["productId"]);
