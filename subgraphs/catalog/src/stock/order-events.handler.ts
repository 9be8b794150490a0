// What the catalog does with the order context's facts (stream `order-events`): a paid order's
// reserved units leave the shop, a cancelled order's go back on sale. It runs inside the consumer's
// transaction (the one that records the event in processed_event), so the stock change and the
// dedupe record commit together. Applying an event twice changes stock once either way: release and
// commit only act on a RESERVED reservation.
import type { DomainEvent, EventHandler } from "@trolley/outbox";
import type { StockService } from "./stock.service.js";
import type { Tx } from "./stock.store.js";

export class OrderEventsHandler implements EventHandler<Tx> {
  readonly types = ["OrderPaid", "OrderCancelled"] as const;

  constructor(private readonly stock: StockService) {}

  /** True when the event changed stock. */
  async handle(event: Pick<DomainEvent, "type" | "data">, tx: Tx): Promise<boolean> {
    if (event.type !== "OrderPaid" && event.type !== "OrderCancelled") return false;
    const reservationId = reservationOf(event);
    // An order that never reserved stock has none to commit or release.
    if (reservationId === null) return false;
    return event.type === "OrderPaid" ? this.stock.commit(reservationId, tx) : this.stock.release(reservationId, tx);
  }
}

function reservationOf(event: Pick<DomainEvent, "type" | "data">): string | null {
  const id = event.data.reservationId;
  if (id === undefined || id === null) return null;
  if (typeof id !== "string" || id === "") throw new TypeError(`${event.type} has a malformed reservationId: ${JSON.stringify(id)}`);
  return id;
}
