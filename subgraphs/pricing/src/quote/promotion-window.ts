// When a promotion is in effect: from `startsAt` inclusive to `endsAt` exclusive, so consecutive
// windows (one ending at midnight, the next starting at midnight) never overlap or leave a gap.
import type { Promotion } from "./promotion.types.js";

export type WindowStanding = "ACTIVE" | "NOT_STARTED" | "EXPIRED";

export function windowStanding(promotion: Pick<Promotion, "startsAt" | "endsAt">, at: Date): WindowStanding {
  if (promotion.startsAt && at.getTime() < promotion.startsAt.getTime()) return "NOT_STARTED";
  if (promotion.endsAt && at.getTime() >= promotion.endsAt.getTime()) return "EXPIRED";
  return "ACTIVE";
}
