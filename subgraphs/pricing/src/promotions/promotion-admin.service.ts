// Admin changes to promotions. Each is one transaction that writes the promotion and appends its
// PromotionChanged event; once it commits, this process's rules cache is reloaded before the
// answer goes out (the admin's next cart view sees the change), and the other processes reload
// when the event reaches them. A refusal throws a DomainError and changes nothing.
import { DomainError } from "@trolley/errors";
import type { Clock } from "@trolley/http";
import type { Promotion as PromotionRow } from "../generated/prisma/client.js";
import type { Promotion } from "../quote/index.js";
import { promotionChanged, type EventSink, type PromotionChange } from "../pricing-rules/pricing-rules.events.js";
import type { Tx } from "../db.js";
import { promotionFromInput } from "./promotion-input.rules.js";
import type { PromotionStore } from "./promotion.store.js";
import type { PromotionInput } from "./promotion.type.js";

const notFound = () => new DomainError("PROMOTION_NOT_FOUND", "No promotion has that id.", ["id"]);
const codeTaken = () => new DomainError("DISCOUNT_CODE_TAKEN", "Another promotion already has this code (codes match whatever the case).", ["input", "code"]);
// Two admins writing the same new code at once: the unique index on lower(code) refuses the second.
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";

export class PromotionAdminService {
  constructor(
    private readonly store: PromotionStore,
    private readonly events: EventSink,
    /** After a change committed: reload this process's rules and wake the relay. */
    private readonly afterCommit: () => Promise<void>,
    private readonly clock: Clock,
    private readonly currencyCode: string,
  ) {}

  list(): Promise<PromotionRow[]> {
    return this.store.list();
  }

  create(input: PromotionInput, adminId: string): Promise<PromotionRow> {
    const promotion = promotionFromInput(input, this.currencyCode);
    return this.change(adminId, "CREATED", async (tx, now) => {
      await this.refuseTakenCode(tx, promotion, null);
      return this.store.create(tx, promotion, now);
    });
  }

  /** Replaces every rule field; the promotion keeps its id, activity and uses. */
  update(id: string, input: PromotionInput, adminId: string): Promise<PromotionRow> {
    const promotion = promotionFromInput(input, this.currencyCode);
    return this.change(adminId, "UPDATED", async (tx, now) => {
      if (!(await this.store.lock(tx, id))) throw notFound();
      await this.refuseTakenCode(tx, promotion, id);
      return this.store.replace(tx, id, promotion, now);
    });
  }

  setActive(id: string, active: boolean, adminId: string): Promise<PromotionRow> {
    return this.change(adminId, active ? "ACTIVATED" : "DEACTIVATED", async (tx, now) => {
      if (!(await this.store.lock(tx, id))) throw notFound();
      return this.store.setActive(tx, id, active, now);
    });
  }

  private async refuseTakenCode(tx: Tx, promotion: Omit<Promotion, "id">, id: string | null) {
    if (promotion.code !== null && (await this.store.codeHolder(tx, promotion.code, id))) throw codeTaken();
  }

  private async change(adminId: string, change: PromotionChange, write: (tx: Tx, now: Date) => Promise<PromotionRow>): Promise<PromotionRow> {
    const now = this.clock.now();
    const row = await this.store
      .transaction(async (tx) => {
        const written = await write(tx, now);
        await this.events.append(tx, [promotionChanged(written, change, adminId, now)]);
        return written;
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? codeTaken() : error;
      });
    await this.afterCommit();
    return row;
  }
}
