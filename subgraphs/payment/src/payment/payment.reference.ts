// How the gateway's references to a Payment resolve here: through the request's loader, so all the
// payments of one `_entities` call are fetched by one query. A payment the caller may not see is null.
import type { PaymentContext } from "../context.js";
import { Payment } from "./payment.type.js";

export const paymentReference = {
  async __resolveReference(reference: { id: string }, ctx: PaymentContext): Promise<Payment | null> {
    const payment = await ctx.payments.referenced(ctx.identity, reference.id);
    return payment && Payment.from(payment);
  },
};
