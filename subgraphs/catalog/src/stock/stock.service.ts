// Stock reservations for checkout: an order holds units (reserve), then is paid (commit: the units
// leave the shop) or cancelled (release: they go back on sale). Each use case is one transaction
// that moves stock with conditional updates, changes the reservation's status at most once, and
// writes a StockChanged event per product to the outbox; so each happens exactly once, however many
// catalog processes try it at the same moment. A refusal throws a DomainError and changes nothing.
import { DomainError, type UserErrorData } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import type { NewEvent } from "@trolley/outbox";
import { stockChanged } from "./stock.events.js";
import { compareIds, planReservation, unavailableLine, type StockLine } from "./stock.rules.js";
import type { HeldProduct, Reservation, ReservedLine, StockStore, Tx } from "./stock.store.js";

/** Where a change's events go, in the change's own transaction (the outbox). */
export interface StockEventSink {
  append(tx: Tx, events: NewEvent[]): Promise<unknown>;
}

export class StockService {
  constructor(
    private readonly store: StockStore,
    private readonly events: StockEventSink,
    /** Told after a transaction of its own that changed stock committed: wakes the outbox relay. */
    private readonly afterCommit: () => void,
    private readonly clock: Clock,
  ) {}

  /**
   * Holds every line or none. Lines of the same product are summed. Asked again with a reservation
   * id it already has, it answers that reservation as stored (whatever its status, whatever lines
   * were sent) and changes nothing.
   */
  async reserve(reservationId: string, lines: readonly StockLine[]): Promise<Reservation> {
    const plan = planReservation(reservationId, lines);
    const stored = await this.store.find(reservationId);
    if (stored) return stored;

    const now = this.clock.now();
    const { reservation, created } = await this.store.transaction(async (tx) => {
      // Claimed before any stock moves: a concurrent reserve of the same id waits here, then answers ours.
      if (!(await this.store.claim(tx, reservationId, now))) return { reservation: (await this.store.find(reservationId, tx))!, created: false };

      const held: { productId: string; quantity: number; product: HeldProduct }[] = [];
      const refused: { index: number; problem: UserErrorData }[] = [];
      const holds = await this.store.holdAll(tx, plan, now);
      for (const line of plan) {
        const product = holds.get(line.productId);
        if (product) held.push({ ...line, product });
        else refused.push({ index: line.index, problem: unavailableLine(line, await this.store.availability(tx, line.productId)) });
      }
      // Every refused line is reported, in the caller's order.
      const [first, ...rest] = refused.sort((a, b) => a.index - b.index).map((r) => r.problem);
      // Rolls back the claim and every hold made above.
      if (first) throw DomainError.of([first, ...rest]);

      await this.store.addLines(
        tx,
        reservationId,
        held.map(({ productId, quantity, product }) => ({
          productId,
          quantity,
          productName: product.name,
          unitPriceMinor: product.priceMinor,
          currencyCode: product.currencyCode,
        })),
      );
      await this.events.append(tx, held.map(({ productId, product }) => stockChanged(productId, product.available, "RESERVED", reservationId, now)));
      return { reservation: (await this.store.find(reservationId, tx))!, created: true };
    });
    if (created) this.afterCommit();
    return reservation;
  }

  /**
   * RESERVED -> RELEASED: the units go back on sale. False, changing nothing, when the reservation
   * is unknown, already released or committed. With `tx`, runs inside the caller's transaction
   * (the caller commits; the relay publishes the events on its next poll).
   */
  release(reservationId: string, tx?: Tx): Promise<boolean> {
    return this.settle(reservationId, "RELEASED", tx);
  }

  /** RESERVED -> COMMITTED: the units leave the shop. Otherwise as release. */
  commit(reservationId: string, tx?: Tx): Promise<boolean> {
    return this.settle(reservationId, "COMMITTED", tx);
  }

  private async settle(reservationId: string, to: "RELEASED" | "COMMITTED", outer?: Tx): Promise<boolean> {
    const now = this.clock.now();
    const work = async (tx: Tx): Promise<boolean> => {
      const lines = await this.store.settle(tx, reservationId, to, now);
      if (!lines) return false;
      const events: NewEvent[] = [];
      // Product rows in the same order as reserve locks them.
      for (const line of [...lines].sort((a, b) => compareIds(a.productId, b.productId))) {
        const available = await this.move(tx, line, to, now);
        events.push(stockChanged(line.productId, available, to, reservationId, now));
      }
      await this.events.append(tx, events);
      return true;
    };
    if (outer) return work(outer);
    const changed = await this.store.transaction(work);
    if (changed) this.afterCommit();
    return changed;
  }

  private move(tx: Tx, line: ReservedLine, to: "RELEASED" | "COMMITTED", now: Date): Promise<number> {
    return to === "RELEASED"
      ? this.store.releaseUnits(tx, line.productId, line.quantity, now)
      : this.store.shipUnits(tx, line.productId, line.quantity, now);
  }
}
