// A refused discount code is a fact for abuse analysis (stream `pricing-events`): which code, why,
// and who tried it. It changes no state.
import type { NewEvent } from "@trolley/outbox";

export const promoCodeInvalid = (code: string, outcome: string, callerKey: string, userId: string | null, occurredAt: Date): NewEvent => ({
  type: "PromoCodeInvalid",
  aggregateId: callerKey,
  userId,
  occurredAt,
  data: { code, outcome, callerKey },
});
