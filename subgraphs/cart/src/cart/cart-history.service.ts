// What support reads of a cart's history: its events, newest first, a bounded number at a time.
import { badUserInput } from "@trolley/errors";
import type { RecordedEvent } from "@trolley/outbox";
import type { CartHistoryStore } from "./cart-history.store.js";

export const MAX_HISTORY_EVENTS = 500;

export class CartHistoryService {
  constructor(private readonly store: CartHistoryStore) {}

  /** The cart's latest `first` events (1 to MAX_HISTORY_EVENTS). */
  async events(cartId: string, first: number): Promise<RecordedEvent[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_HISTORY_EVENTS) {
      throw badUserInput(`\`first\` must be between 1 and ${MAX_HISTORY_EVENTS}.`);
    }
    return this.store.eventsOf(cartId, first);
  }
}
