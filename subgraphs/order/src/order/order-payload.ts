// What a mutation that answers an order (checkout, cancel, fulfill) returns: the order, or, when
// the use case refused with an expected failure (a DomainError), no order and its userErrors.
import { DomainError } from "@trolley/errors";
import { UserError } from "@trolley/federation";
import { Order, type OrderRecord } from "./order.type.js";

export async function orderPayload(work: () => Promise<OrderRecord>): Promise<{ order: Order | null; userErrors: UserError[] }> {
  try {
    return { order: Order.from(await work()), userErrors: [] };
  } catch (error) {
    if (error instanceof DomainError) return { order: null, userErrors: error.errors.map((e) => UserError.from(e)) };
    throw error;
  }
}
