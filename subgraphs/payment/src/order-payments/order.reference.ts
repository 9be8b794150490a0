// References to an Order resolve here to its key alone: the order subgraph decides whether the
// caller may see the order; this subgraph only adds its payments.
import { Order } from "./order.type.js";

export const orderReference = {
  __resolveReference: (reference: { id: string }): Order => Order.reference(reference.id),
};
