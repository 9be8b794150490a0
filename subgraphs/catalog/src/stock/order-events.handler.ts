// What the catalog does with the order context's facts (stream `order-events`): a paid order's
// reserved units leave the shop, a cancelled order's go back on sale. It runs inside the consumer's
// transaction (the one that records the event in processed_event), so the stock change and the
// dedupe record commit together. Applying an event twice changes stock once either way: release and
// commit only act on a RESERVED reservation. Not wired yet: the stream consumer comes with libs/outbox.
import type { StockService } from "./stock.service.js";
import type { Tx } from "./stock.store.js";

export interface OrderEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Returns `applyOrderEvent(event, tx)`: true when the event changed stock. */
export function createOrderEventHandler(stock: StockService) {
  return async function applyOrderEvent(event: OrderEvent, tx: Tx): Promise<boolean> {
    if (event.type !== "OrderPaid" && event.type !== "OrderCancelled") return false;
    const reservationId = reservationOf(event);
    // An order that never reserved stock has none to commit or release.
    if (reservationId === null) return false;
    return event.type === "OrderPaid" ? stock.commit(reservationId, tx) : stock.release(reservationId, tx);
  };
}

export type ApplyOrderEvent = ReturnType<typeof createOrderEventHandler>;

function reservationOf(event: OrderEvent): string | null {
  const id = event.data.reservationId;
  if (id === undefined || id === null) return null;
  if (typeof id !== "string" || id === "") throw new TypeError(`${event.type} has a malformed reservationId: ${JSON.stringify(id)}`);
  return id;
}
