// A cart's audit trail: the events its changes wrote to the cart context's outbox, read back.
import type { Outbox, RecordedEvent } from "@trolley/outbox";
import type { CartDb } from "../db.js";

export class CartHistoryStore {
  constructor(
    private readonly db: CartDb,
    private readonly outbox: Outbox,
  ) {}

  /** The cart's events, newest first, with when each was published. */
  eventsOf(cartId: string, first: number): Promise<RecordedEvent[]> {
    return this.outbox.history(this.db, cartId, first);
  }
}
