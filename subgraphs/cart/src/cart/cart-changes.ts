// How every change to one owner's cart is made: lock the cart row, let the use case decide on the
// locked state, write the lines, codes, services and shopper's choices it named with their events
// (outbox) in the same transaction, bump the cart's activity and version, and commit. A line that
// leaves the cart (removed, cleared, saved for later), whichever use case takes it out, takes its
// services along. After the commit, the codes that
// stopped applying are found (a CodeStandingCheck: one question to pricing, best effort, asked
// only when a code was held both before and after) and come back as warnings. A refusal thrown by `decide`, or by a write,
// rolls everything back: nothing is written and nothing is published.
import type { UserErrorData } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import { GUEST_PREFIX } from "@trolley/identity";
import { codeNotHeld } from "../discount-codes/discount-code.rules.js";
import type { DiscountCodeStore, HeldCodeRow } from "../discount-codes/discount-code.store.js";
import { linesLeaving, serviceAlreadyAdded, serviceLineNotFound } from "../service-lines/service-line.rules.js";
import type { ServiceLineStore } from "../service-lines/service-line.store.js";
import { promoCodeApplied, promoCodeRemoved, serviceAdded, serviceRemoved, type CartFact } from "./cart.events.js";
import { cartNotActive } from "./cart.rules.js";
import { cartState, type CartState } from "./cart-state.js";
import type { CartLineRow, CartRow, CartStore, ChoicesWrite, Tx } from "./cart.store.js";

/** Where a change's events go, in the change's own transaction. */
export interface CartEventSink {
  append(tx: Tx, events: { type: string; aggregateId: string; userId: string | null; occurredAt: Date; data: Record<string, unknown> }[]): Promise<unknown>;
}

/** Told after a change committed: wakes the outbox relay and records the cart's activity. */
export type AfterCommit = (cart: CartRow) => void;

/** A cart's lines and codes at one moment, as the standing of its codes is judged. */
export interface CodedCart {
  ownerId: string;
  lines: CartLineRow[];
  /** In entry order, as held (with the key Postgres matches them by). */
  codes: Pick<HeldCodeRow, "code" | "codeKey">[];
}

/**
 * Which codes `after` holds that applied in one of `befores` (the cart before a change; for a
 * merge, each of the two carts) and do not in `after`. Best effort: it never fails the change.
 */
export interface CodeStandingCheck {
  stoppedApplying(befores: CodedCart[], after: CodedCart): Promise<UserErrorData[]>;
}

/** The locked cart a use case decides on: its lines and the codes it holds, in entry order. */
export type LockedCart = CartState & { codes: HeldCodeRow[] };

/** A cart after a change, with what the shopper should know about it. */
export type ChangedCart = CartState & { warnings: UserErrorData[] };

/** A line to write: quantity 0 deletes it; `saved` puts it on the saved-for-later list. */
export interface LineWrite {
  productId: string;
  quantity: number;
  saved?: boolean;
}

export interface Decision {
  writes?: LineWrite[];
  facts?: CartFact[];
  /** Appended after the cart's last code (PromoCodeApplied), unless the cart holds it in some case. */
  addCode?: string;
  /** Removed in any case (PromoCodeRemoved); DISCOUNT_CODE_NOT_FOUND when the cart holds no such code. */
  removeCode?: string;
  /** The shopper's choices to set; a decision names only values that differ from the locked cart's. */
  choices?: ChoicesWrite;
  /** What the shopper should know of this change (a selection it dropped), if it is made. */
  warnings?: UserErrorData[];
  /**
   * Added to one of the cart's lines, or to the cart itself (lineId null), with ServiceAdded;
   * SERVICE_ALREADY_ADDED when it is there already (the unique indexes decide, also for racing adds).
   */
  addService?: { serviceId: string; lineId: string | null };
  /** Removed by its id (ServiceRemoved); SERVICE_LINE_NOT_FOUND when the cart has no such service line. */
  removeService?: string;
}

export class CartChanges {
  constructor(
    private readonly store: CartStore,
    private readonly codes: DiscountCodeStore,
    private readonly serviceLines: ServiceLineStore,
    private readonly events: CartEventSink,
    private readonly clock: Clock,
    private readonly standing: CodeStandingCheck,
    private readonly afterCommit: AfterCommit = () => {},
  ) {}

  async make(ownerId: string, decide: (cart: LockedCart) => Decision): Promise<ChangedCart> {
    const now = this.clock.now();
    const outcome = await this.store.transaction(async (tx) => {
      // Checked inside the transaction, so a change racing a merge cannot slip into a new guest cart.
      if (ownerId.startsWith(GUEST_PREFIX) && (await this.store.mergedCartOf(ownerId, tx))) throw cartNotActive();
      const [cart] = await this.store.lockActiveCarts(tx, [ownerId], now);
      const before = cartState(cart, await this.store.allLinesOf(cart.id, tx));
      const codesBefore = await this.codes.codesOf(cart.id, tx);
      const { writes = [], facts: decided = [], addCode, removeCode, addService, removeService, choices, warnings = [] } = decide({ ...before, codes: codesBefore });
      const facts = [...decided];

      // Before the lines go: their foreign key's cascade would remove the services without an event.
      const leftWithLines = await this.serviceLines.removeOfLines(tx, cart.id, linesLeaving(before.lines, writes));
      for (const row of leftWithLines.sort(byAddition)) facts.push(serviceRemoved(row, "LINE_REMOVED"));
      await this.store.removeLines(tx, cart.id, writes.filter((w) => w.quantity === 0).map((w) => w.productId));
      for (const write of writes.filter((w) => w.quantity > 0)) {
        await this.store.putLine(tx, cart.id, write.productId, write.quantity, write.saved ? now : null, now);
      }
      let codesChanged = false;
      if (addCode !== undefined && (await this.codes.add(tx, cart.id, addCode, now))) {
        facts.push(promoCodeApplied(addCode));
        codesChanged = true;
      }
      if (removeCode !== undefined) {
        const removed = await this.codes.remove(tx, cart.id, removeCode);
        if (removed === null) throw codeNotHeld(removeCode);
        facts.push(promoCodeRemoved(removed));
        codesChanged = true;
      }
      let servicesChanged = false;
      if (addService !== undefined) {
        const added = await this.serviceLines.add(tx, cart.id, addService.serviceId, addService.lineId, now);
        if (!added) throw serviceAlreadyAdded(addService.lineId);
        facts.push(serviceAdded(added));
        servicesChanged = true;
      }
      if (removeService !== undefined) {
        const removed = await this.serviceLines.remove(tx, cart.id, removeService);
        if (!removed) throw serviceLineNotFound();
        facts.push(serviceRemoved(removed, "REMOVED"));
        servicesChanged = true;
      }
      if (writes.length === 0 && !codesChanged && !servicesChanged && !choices) return { before, codesBefore, after: before, codesAfter: codesBefore, changed: false, warnings: [] };

      const touched = await this.store.touch(tx, cart.id, now, choices);
      await this.events.append(tx, facts.map((fact) => ({ ...fact, aggregateId: cart.id, userId: ownerId, occurredAt: now })));
      const after = cartState(touched, await this.store.allLinesOf(cart.id, tx));
      const codesAfter = codesChanged ? await this.codes.codesOf(cart.id, tx) : codesBefore;
      return { before, codesBefore, after, codesAfter, changed: true, warnings };
    });
    if (!outcome.changed) return { ...outcome.after, warnings: [] };
    this.afterCommit(outcome.after.cart);
    const stopped = await this.standing.stoppedApplying(
      [{ ownerId, lines: outcome.before.lines, codes: outcome.codesBefore }],
      { ownerId, lines: outcome.after.lines, codes: outcome.codesAfter },
    );
    return { ...outcome.after, warnings: [...outcome.warnings, ...stopped] };
  }
}

/** Oldest first, as the cart lists its services. */
const byAddition = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
