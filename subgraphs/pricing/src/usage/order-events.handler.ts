// What pricing does with the order context's facts (stream `order-events`): a paid order's code
// uses are confirmed, a cancelled order's released. The reservation id is the checkout's, the one
// the order reserved the codes under. It runs inside the consumer's transaction (the one recording
// the event as processed), and each change is a conditional update on RESERVED, so a repeat changes
// nothing either way.
import type { DomainEvent, EventHandler } from "@trolley/outbox";
import type { Tx } from "../db.js";
import type { CodeUsageService } from "./code-usage.service.js";

export class OrderEventsHandler implements EventHandler<Tx> {
  readonly types = ["OrderPaid", "OrderCancelled"] as const;

  constructor(private readonly usage: CodeUsageService) {}

  /** True when a use changed. */
  async handle(event: Pick<DomainEvent, "type" | "data">, tx: Tx): Promise<boolean> {
    const { reservationId } = event.data;
    // An order placed before checkout reserved anything has nothing here.
    if (reservationId == null) return false;
    if (typeof reservationId !== "string" || !reservationId) throw new TypeError(`${event.type} carries a reservationId that is not an id: ${JSON.stringify(reservationId)}`);
    if (event.type === "OrderPaid") return this.usage.confirm(reservationId, tx);
    if (event.type === "OrderCancelled") return this.usage.release(reservationId, tx);
    return false;
  }
}
