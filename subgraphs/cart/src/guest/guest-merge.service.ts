// Signing in with a guest cart: the guest's lines, codes and services fold into the user's cart and
// the guest cart is retired (MERGED), in one transaction that locks both carts (in id order) and
// writes CartMerged to the outbox. Lines are capped or skipped with warnings, never refused one by
// one; codes the user already holds (in any case) are not duplicated; a line's services go to the
// user's line of the same product (and leave with a guest line that could not come along), once
// each, and standalone services to the user's cart, once each. The catalog judged each service
// when the guest added it, for the same product, so it is not asked again.
import { DomainError } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import type { AfterCommit, CartEventSink, ChangedCart, CodeStandingCheck } from "../cart/cart-changes.js";
import { lineSnapshot, merged, serviceLineSnapshot } from "../cart/cart.events.js";
import { cartState } from "../cart/cart-state.js";
import type { CartStore } from "../cart/cart.store.js";
import { codesToMerge, planMerge } from "../cart/merge.rules.js";
import type { CatalogClient } from "../clients/catalog.client.js";
import type { DiscountCodeStore } from "../discount-codes/discount-code.store.js";
import { serviceLinesToMerge } from "../service-lines/service-line.rules.js";
import type { ServiceLineStore } from "../service-lines/service-line.store.js";

export class GuestMergeService {
  constructor(
    private readonly store: CartStore,
    private readonly codes: DiscountCodeStore,
    private readonly serviceLines: ServiceLineStore,
    private readonly catalog: CatalogClient,
    private readonly events: CartEventSink,
    private readonly standing: CodeStandingCheck,
    private readonly clock: Clock,
    private readonly afterCommit: AfterCommit = () => {},
  ) {}

  /**
   * Moves the guest cart's lines, codes and services into the user's active cart and retires the guest cart
   * (MERGED). Returns the user's cart with the warnings of lines that were capped or skipped, and
   * of codes that stopped applying.
   */
  async merge(userId: string, guestId: string): Promise<ChangedCart> {
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
      const [userCodes, guestCodes] = [await this.codes.codesOf(userCart.id, tx), await this.codes.codesOf(guestCart.id, tx)];
      const plan = planMerge(userState.lines, guestState.lines, products);
      for (const { productId, quantity } of plan.set) await this.store.putLine(tx, userCart.id, productId, quantity, null, now);
      const moved: string[] = [];
      for (const { code } of codesToMerge(userCodes, guestCodes)) if (await this.codes.add(tx, userCart.id, code, now)) moved.push(code);
      const userLinesAfter = cartState(userCart, await this.store.allLinesOf(userCart.id, tx)).lines;
      const guestServices = await this.serviceLines.serviceLinesOf(guestCart.id, tx);
      const servicesMoved: ReturnType<typeof serviceLineSnapshot>[] = [];
      for (const { serviceId, lineId } of serviceLinesToMerge(guestServices, guestState.lines, userLinesAfter)) {
        const added = await this.serviceLines.add(tx, userCart.id, serviceId, lineId, now);
        if (added) servicesMoved.push(serviceLineSnapshot(added));
      }
      await this.store.setStatus(tx, guestCart.id, "MERGED", now);
      const cart = await this.store.touch(tx, userCart.id, now);
      const fact = merged(guestCart.id, guestId, guestState.lines.map(lineSnapshot), moved, servicesMoved, plan.warnings.map((w) => w.message));
      await this.events.append(tx, [{ ...fact, aggregateId: cart.id, userId, occurredAt: now }]);
      const after = cartState(cart, await this.store.allLinesOf(cart.id, tx));
      return { userState, userCodes, guestState, guestCodes, after, codesAfter: await this.codes.codesOf(cart.id, tx), warnings: plan.warnings };
    });
    this.afterCommit(result.after.cart);
    const stopped = await this.standing.stoppedApplying(
      [
        { ownerId: userId, lines: result.userState.lines, codes: result.userCodes },
        { ownerId: guestId, lines: result.guestState.lines, codes: result.guestCodes },
      ],
      { ownerId: userId, lines: result.after.lines, codes: result.codesAfter },
    );
    return { ...result.after, warnings: [...result.warnings, ...stopped] };
  }
}

const alreadyMerged = () => new DomainError("CART_ALREADY_MERGED", "This guest cart was already merged.", ["guestToken"]);
