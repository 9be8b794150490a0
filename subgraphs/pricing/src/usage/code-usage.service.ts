// Uses of codes by checkouts, the protocol every cross-context reservation follows (contract:
// reserve keyed by the checkout, confirm when paid, release exactly once when cancelled or given
// up). Limits hold however many checkouts race: a reservation locks the rows of the promotions it
// uses, then counts their RESERVED and CONFIRMED uses, then records its own, so concurrent ones
// take turns and the limit is never passed. All codes or none; a repeat of a reservation id that
// reserved answers as the first did and changes nothing.
import { DomainError, type UserErrorData } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import type { Tx } from "../db.js";
import { refusal, useRefusal } from "./code-limits.rules.js";
import type { CodeUseStore, LockedPromotion } from "./code-use.store.js";
import { customerKey, type QuoteCustomer } from "./customer-key.rules.js";

export class CodeUsageService {
  constructor(
    private readonly store: CodeUseStore,
    private readonly clock: Clock,
  ) {}

  /** Reserves a use of each code's promotion for the reservation, or none (throws the refusals). */
  async reserve(reservationId: string, codes: readonly string[], customer?: QuoteCustomer | null): Promise<void> {
    const key = customerKey(customer);
    const now = this.clock.now();
    await this.store.transaction(async (tx) => {
      const promotions = await this.store.lockByCodes(tx, codes);
      // Read under the locks: a concurrent repeat of this reservation has committed by now.
      if (await this.store.reservationExists(tx, reservationId)) return;
      const problems = await this.problems(tx, codes, promotions, key, now);
      const [first, ...rest] = problems;
      if (first) throw DomainError.of([first, ...rest]);
      await this.store.reserve(tx, reservationId, promotions.map((promotion) => promotion.id), key, now);
    });
  }

  /** RESERVED -> RELEASED; false when nothing was reserved (unknown, released or confirmed already). */
  async release(reservationId: string, tx?: Tx): Promise<boolean> {
    return (await this.store.settle(tx ?? this.store.db, reservationId, "RELEASED", this.clock.now())) > 0;
  }

  /** RESERVED -> CONFIRMED (the order was paid); false when nothing was reserved. */
  async confirm(reservationId: string, tx?: Tx): Promise<boolean> {
    return (await this.store.settle(tx ?? this.store.db, reservationId, "CONFIRMED", this.clock.now())) > 0;
  }

  private async problems(tx: Tx, codes: readonly string[], promotions: LockedPromotion[], key: string | null, now: Date): Promise<UserErrorData[]> {
    const problems: UserErrorData[] = [];
    const known = new Set(promotions.map((promotion) => promotion.code.toLowerCase()));
    for (const code of codes) if (!known.has(code.trim().toLowerCase())) problems.push(refusal("DISCOUNT_CODE_INVALID", `No promotion has the code ${code}.`));
    for (const promotion of promotions) {
      const refused = useRefusal(promotion, await this.store.counts(promotion.id, key, tx), key, now);
      if (refused) problems.push(refused);
    }
    return problems;
  }
}
